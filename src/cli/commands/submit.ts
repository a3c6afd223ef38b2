// `guild submit`: signs a contribution with the CLI's key (EIP-712) and records it as the node accepts it.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Account, LocalAccount } from "viem";
import type { ChainTarget } from "../../chain/connectChain.ts";
import { signingDomain } from "../../chain/manifest.ts";
import type { ContributionKind } from "../../core/contribution/contribution.ts";
import { CONTRIBUTION_KINDS } from "../../core/contribution/contribution.ts";
import { signSubmission } from "../../core/contribution/signSubmission.ts";
import { SubmissionFieldMissing } from "../../core/contribution/submissionErrors.ts";
import { validateSubmission } from "../../core/contribution/validateSubmission.ts";
import { GuildError } from "../../core/errors.ts";
import type { GlobalOptions } from "../context.ts";
import { chainTarget, GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { isoTime, parseEpochId, withNode } from "./epoch.ts";
import { InvalidArgument } from "./init.ts";

/** The signer cannot sign typed data locally (it is not a private key, mnemonic or keystore account). */
export class SignerNotLocal extends GuildError {}

/** How long a submission signed here stays valid: one hour of chain time. */
const DEADLINE_SECONDS = 3_600;

export const submitHelp = `guild submit --kind <kind> --title <title> [options]

Signs a contribution with your key (EIP-712) and records it in the open epoch.

  guild submit --kind <kind> --title <title> [--description <text> | --description-file <file>]
               [--link <url>]... [--metric <name>=<integer>]... [--epoch <id>] [--dev-account <n>]

The submission is checked exactly as the node checks anyone's: kind (${CONTRIBUTION_KINDS.join(", ")}), title and description within the
limits, links http(s), the epoch open, the deadline, the signature. A refused submission stores nothing.
The key: on the embedded chain dev account 0, or dev account <n> with --dev-account <n> (well-known keys,
for demos and tests); with --rpc-url, $GUILD_PRIVATE_KEY or --keystore <file>. Never a key as an argument.
Metrics you give are your claims: they are shown with the work (and to the LLM judge, as claims), but
the built-in signals model counts only metrics an importer measured (guild import git, guild import round).
The nonce is a fresh random 64-bit number; the deadline is an hour after the chain's latest block.
The open epoch is the latest epoch when it is open; epoch 1 is created when the store has no epoch.`;

export async function submitCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...GLOBAL_OPTIONS,
      kind: { type: "string" },
      title: { type: "string" },
      description: { type: "string" },
      "description-file": { type: "string" },
      link: { type: "string", multiple: true },
      metric: { type: "string", multiple: true },
      epoch: { type: "string" },
      "dev-account": { type: "string" },
    },
  });
  const options = globalOptions(values);
  if (positionals.length > 0) {
    throw new InvalidArgument(`unexpected argument "${positionals[0]}"`, {
      argument: positionals[0],
      hint: "quote a title or description with spaces",
    });
  }
  // Everything the command line can get wrong is refused before the node opens.
  if (values.kind === undefined) throw new SubmissionFieldMissing("kind");
  if (values.title === undefined) throw new SubmissionFieldMissing("title");
  if (values.description !== undefined && values["description-file"] !== undefined) {
    throw new InvalidArgument("give --description or --description-file, not both", {});
  }
  const description =
    values["description-file"] === undefined
      ? (values.description ?? "")
      : readText(values["description-file"]);
  const metrics = parseMetrics(values.metric ?? []);
  const requestedEpoch = values.epoch === undefined ? undefined : parseEpochId(values.epoch, "--epoch");
  const target = signerTarget(options, values["dev-account"]);

  await withNode(
    options,
    async (ctx) => {
      const account = localAccount(ctx.chain.walletClient.account);
      // The open epoch is the latest when it is open; on an empty store, epoch 1, opened with the insert.
      const latest = await ctx.store.latestEpoch();
      const open = latest === undefined ? 1 : latest.state === "open" ? latest.id : undefined;
      const openEpochs = open === undefined ? [] : [open];
      const epochId = requestedEpoch ?? open ?? latest?.id ?? 1;
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      const domain = signingDomain(ctx.manifest);
      const signed = await signSubmission(
        account,
        {
          epochId,
          // validateSubmission names an unknown kind, as it would for anyone's submission.
          kind: values.kind as ContributionKind,
          title: values.title ?? "",
          description,
          links: values.link ?? [],
          metrics,
          nonce: randomNonce(),
          deadline: now + DEADLINE_SECONDS,
        },
        domain,
      );
      // Checked from its JSON, as the node receives it.
      const contribution = await validateSubmission(JSON.parse(JSON.stringify(signed)), {
        ...domain,
        now,
        openEpochs,
      });
      const stored = await ctx.store.transaction(async (tx) => {
        if (latest === undefined) await tx.openEpoch(1);
        await tx.useNonce(signed.contributor, BigInt(signed.nonce));
        return tx.insertContribution(contribution);
      });
      const result = {
        id: contribution.id,
        epochId,
        stored,
        contributor: signed.contributor,
        kind: signed.kind,
        title: signed.title,
        nonce: signed.nonce,
        deadline: signed.deadline,
        signature: signed.signature,
      };
      out.result(result, () => {
        out.line(
          stored
            ? `Submitted contribution ${contribution.id} to epoch ${epochId}`
            : `Contribution ${contribution.id} was already in epoch ${epochId}`,
        );
        out.line(
          `  signed by ${signed.contributor} (EIP-712, chain ${domain.chainId}, guild ${domain.verifyingContract}), nonce ${signed.nonce}, deadline ${isoTime(signed.deadline)}`,
        );
      });
    },
    target,
  );
}

/**
 * The chain target with the CLI's signer: chainTarget's (dev account 0 on the embedded chain,
 * $GUILD_PRIVATE_KEY or --keystore with --rpc-url), or dev account `devAccount` on the embedded chain.
 */
export function signerTarget(options: GlobalOptions, devAccount: string | undefined): ChainTarget {
  const target = chainTarget(options);
  if (devAccount === undefined) return target;
  if (options.rpcUrl !== undefined || options.keystore !== undefined) {
    throw new InvalidArgument(
      "--dev-account picks a well-known dev key of the embedded chain; with --rpc-url or --keystore the key comes from $GUILD_PRIVATE_KEY or the keystore",
      { devAccount },
    );
  }
  if (!/^\d{1,3}$/.test(devAccount)) {
    throw new InvalidArgument(`--dev-account takes an account index (0, 1, 2, …), got "${devAccount}"`, {
      devAccount,
    });
  }
  target.signer = { kind: "dev", index: Number(devAccount) };
  return target;
}

/** The signer as an account that signs locally. */
export function localAccount(account: Account): LocalAccount {
  if (account.type !== "local") {
    throw new SignerNotLocal(`the signer ${account.address} cannot sign here`, { address: account.address });
  }
  return account;
}

function parseMetrics(flags: readonly string[]): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const flag of flags) {
    const match = /^([^=]+)=(-?\d+)$/.exec(flag);
    if (match === null) {
      throw new InvalidArgument(`--metric takes <name>=<integer>, got "${flag}"`, {
        metric: flag,
        hint: "scale a fraction into an integer unit (e.g. hoursTenths=15)",
      });
    }
    const [, name = "", value = ""] = match;
    if (name in metrics) throw new InvalidArgument(`--metric ${name} is given twice`, { metric: name });
    metrics[name] = Number(value);
  }
  return metrics;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw new InvalidArgument(`cannot read --description-file ${path}: ${(cause as Error).message}`, {
      path,
    });
  }
}

/** A fresh random 64-bit nonce: never reused in practice, and the store refuses a reuse anyway. */
export function randomNonce(): bigint {
  return crypto.getRandomValues(new BigUint64Array(1))[0] ?? 0n;
}
