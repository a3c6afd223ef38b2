// `guild dispute`: a contributor disputes one evaluator's verdict on their own contribution (EIP-712).
import { parseArgs } from "node:util";
import { signingDomain } from "../../chain/manifest.ts";
import { MAX_DISPUTE_REASON_LENGTH } from "../../core/disputes/dispute.ts";
import { signDispute } from "../../core/disputes/signDispute.ts";
import { acceptDispute } from "../../node/acceptDispute.ts";
import { disputeView } from "../../node/api/routes/disputeRoutes.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { contributionIdArgument } from "./contributionIdArgument.ts";
import { isoTime, withNode } from "./epoch.ts";
import { InvalidArgument } from "./init.ts";
import { localAccount, randomNonce, signerTarget } from "./submit.ts";

/** How long a dispute signed here stays valid: one hour of chain time. */
const DEADLINE_SECONDS = 3_600;

export const disputeHelp = `guild dispute <contributionId> --evaluator <id> --reason <text> [options]

Disputes a verdict on your own contribution: signs it (EIP-712) and records it with the node.

  guild dispute <contributionId> --evaluator <id> --reason <text> [--dev-account <n>]

The evaluator is the verdict's (as guild report and the dashboard name it: signals, guild/llm-judge, …);
the reason is 1 to ${MAX_DISPUTE_REASON_LENGTH} characters, trimmed. Only the contribution's contributor may dispute it, once per
verdict, while its epoch is assessed and not settled: not finalized, and if proposed, before its
challenge window ends, while a veto can still stop it. Jurors are asked about disputed work first, and
the epoch's report shows how many disputes it has.
The key: as for guild submit (dev account 0 on the embedded chain, --dev-account <n>, or
$GUILD_PRIVATE_KEY / --keystore with --rpc-url).`;

export async function disputeCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      evaluator: { type: "string" },
      reason: { type: "string" },
      "dev-account": { type: "string" },
    },
  });
  const options = globalOptions(values);
  const id = contributionIdArgument("guild dispute", positionals, "quote a reason with spaces");
  const evaluator = values.evaluator?.trim() ?? "";
  if (evaluator === "") {
    throw new InvalidArgument("--evaluator names the verdict's evaluator (signals, guild/llm-judge, …)", {
      hint: "the contribution's verdicts name their evaluators: guild report, or the dashboard",
    });
  }
  // Trimmed before signing: what is signed is what is stored.
  const reason = values.reason?.trim() ?? "";
  if (reason === "") {
    throw new InvalidArgument("--reason says why the verdict is wrong", {
      hint: `1 to ${MAX_DISPUTE_REASON_LENGTH} characters; quote it`,
    });
  }
  const target = signerTarget(options, values["dev-account"]);

  await withNode(
    options,
    async (ctx) => {
      const account = localAccount(ctx.chain.walletClient.account);
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      const signed = await signDispute(
        account,
        {
          contributionId: id,
          evaluator,
          reason,
          nonce: randomNonce(),
          deadline: now + DEADLINE_SECONDS,
        },
        signingDomain(ctx.manifest),
      );
      // Accepted from its JSON, as the node accepts anyone's; validateDispute names a reason too long.
      const dispute = await acceptDispute(ctx, JSON.parse(JSON.stringify(signed)));
      const result = disputeView(dispute);
      out.result(result, () => {
        out.line(
          `Disputed the verdict of ${dispute.evaluator} on ${dispute.contributionId} (epoch ${dispute.epochId})`,
        );
        out.line(
          `  signed by ${dispute.disputant} (EIP-712), nonce ${signed.nonce}, recorded ${isoTime(dispute.createdAt)}`,
        );
      });
    },
    target,
  );
}
