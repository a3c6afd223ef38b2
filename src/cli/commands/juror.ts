// `guild juror`: a juror's spot checks: which pairs to judge next, and signing an answer (EIP-712).
import { parseArgs } from "node:util";
import type { Hex } from "viem";
import { signingDomain } from "../../chain/manifest.ts";
import { signSpotCheck } from "../../core/jurors/signSpotCheck.ts";
import { acceptSpotCheck } from "../../node/acceptSpotCheck.ts";
import { latestAssessedEpoch } from "../../node/epoch/latestAssessedEpoch.ts";
import type { NodeContext } from "../../node/openNode.ts";
import { spotChecksFor } from "../../node/spotChecksFor.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { renderTable } from "../table.ts";
import { parseEpochId, withNode } from "./epoch.ts";
import { InvalidArgument } from "./init.ts";
import { localAccount, randomNonce, signerTarget } from "./submit.ts";

/** How long an answer signed here stays valid: one hour of chain time. */
const DEADLINE_SECONDS = 3_600;

export const jurorHelp = `guild juror pairs|answer [options]

Spot checks: jurors compare two contributions of an assessed epoch ("which was worth more, and how
many times more?"); their answers calibrate the AI (guild allocate --pairs, and the ensemble's weights).

  guild juror pairs [--epoch <id>] [--count <n>] [--dev-account <n>]
      the pairs to judge next, most informative first: close in value, with much riding on them;
      never your own work, never a pair you answered
  guild juror answer --epoch <id> --a <contribution> --b <contribution> --winner a|b [--times <x>]
      signs your answer (EIP-712) and records it; --times is how many times more the winner was worth
      (1 to 1000, decimals allowed; default 1)

The key: as for guild submit (dev account 0 on the embedded chain, --dev-account <n>, or
$GUILD_PRIVATE_KEY / --keystore with --rpc-url). The epoch defaults to the latest assessed one.`;

export async function jurorCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      epoch: { type: "string" },
      count: { type: "string" },
      a: { type: "string" },
      b: { type: "string" },
      winner: { type: "string" },
      times: { type: "string" },
      "dev-account": { type: "string" },
    },
  });
  const options = globalOptions(values);
  const [action, ...rest] = positionals;
  if ((action !== "pairs" && action !== "answer") || rest.length > 0) {
    throw new InvalidArgument(`guild juror takes pairs or answer, got "${positionals.join(" ")}"`, {
      hint: "guild juror --help",
    });
  }
  const requested = values.epoch === undefined ? undefined : parseEpochId(values.epoch, "--epoch");
  const target = signerTarget(options, values["dev-account"]);

  if (action === "pairs") {
    const count = values.count === undefined ? 10 : parseCount(values.count);
    await withNode(
      options,
      async (ctx) => {
        const juror = localAccount(ctx.chain.walletClient.account).address;
        const epochId = requested ?? (await latestAssessed(ctx));
        const pairs = await spotChecksFor(ctx, epochId, juror, count);
        out.result({ epochId, juror, pairs }, () => {
          out.line(`Spot checks for ${juror} in epoch ${epochId}, most informative first:`);
          out.line();
          out.line(
            renderTable(
              [
                {
                  header: "#",
                  value: (r: (typeof pairs)[number]) => String(pairs.indexOf(r) + 1),
                  align: "right",
                },
                { header: "a", value: (r) => `${r.a.slice(0, 10)}… ${clip(r.titles.a)}` },
                { header: "b", value: (r) => `${r.b.slice(0, 10)}… ${clip(r.titles.b)}` },
                { header: "informativeness", value: (r) => r.score.toFixed(4), align: "right" },
              ],
              pairs,
            ),
          );
          out.line();
          out.line(
            `Answer one: guild juror answer --epoch ${epochId} --a <a> --b <b> --winner a|b --times <x>`,
          );
        });
      },
      target,
    );
    return;
  }

  const a = parseId(values.a, "--a");
  const b = parseId(values.b, "--b");
  if (values.winner !== "a" && values.winner !== "b") {
    throw new InvalidArgument(`--winner takes a or b, got "${values.winner ?? ""}"`, {
      winner: values.winner,
    });
  }
  const multiplierPermille = values.times === undefined ? 1_000 : parseTimes(values.times);
  await withNode(
    options,
    async (ctx) => {
      const account = localAccount(ctx.chain.walletClient.account);
      const epochId = requested ?? (await latestAssessed(ctx));
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      const signed = await signSpotCheck(
        account,
        {
          epochId,
          a,
          b,
          winner: values.winner === "a" ? a : b,
          multiplierPermille,
          nonce: randomNonce(),
          deadline: now + DEADLINE_SECONDS,
        },
        signingDomain(ctx.manifest),
      );
      // Accepted from its JSON, as the node accepts anyone's.
      const answer = await acceptSpotCheck(ctx, JSON.parse(JSON.stringify(signed)));
      out.result(signed, () => {
        out.line(
          `Recorded: ${answer.winner === answer.a ? "a" : "b"} was worth ${(multiplierPermille / 1000).toString()}× the other (epoch ${epochId})`,
        );
        out.line(`  signed by ${signed.juror} (EIP-712), nonce ${signed.nonce}`);
      });
    },
    target,
  );
}

async function latestAssessed(ctx: NodeContext): Promise<number> {
  const id = await latestAssessedEpoch(ctx.store);
  if (id === undefined)
    throw new InvalidArgument("no epoch is assessed yet: there is nothing to spot-check", {});
  return id;
}

function parseId(value: string | undefined, flag: string): Hex {
  if (value === undefined || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidArgument(
      `${flag} takes a contribution id (0x and 64 hex digits), got "${value ?? ""}"`,
      {
        [flag]: value,
      },
    );
  }
  return value.toLowerCase() as Hex;
}

function parseTimes(value: string): number {
  const times = Number(value);
  if (!/^\d+(\.\d{1,3})?$/.test(value) || times < 1 || times > 1_000) {
    throw new InvalidArgument(`--times takes a number from 1 to 1000 (up to 3 decimals), got "${value}"`, {
      times: value,
    });
  }
  return Math.round(times * 1_000);
}

function parseCount(value: string): number {
  if (!/^[1-9]\d{0,3}$/.test(value)) {
    throw new InvalidArgument(`--count takes a number from 1 to 9999, got "${value}"`, { count: value });
  }
  return Number(value);
}

const clip = (title: string) => (title.length > 40 ? `${title.slice(0, 39)}…` : title);
