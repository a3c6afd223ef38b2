// `guild endorse`: a member endorses someone else's contribution in the open epoch (EIP-712), a peer signal.
import { parseArgs } from "node:util";
import { signingDomain } from "../../chain/manifest.ts";
import { signEndorsement } from "../../core/endorsements/signEndorsement.ts";
import { acceptEndorsement } from "../../node/acceptEndorsement.ts";
import { endorsementView } from "../../node/api/routes/endorsementRoutes.ts";
import { GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";
import { contributionIdArgument } from "./contributionIdArgument.ts";
import { isoTime, withNode } from "./epoch.ts";
import { localAccount, randomNonce, signerTarget } from "./submit.ts";

/** How long an endorsement signed here stays valid: one hour of chain time. */
const DEADLINE_SECONDS = 3_600;

export const endorseHelp = `guild endorse <contributionId> [options]

Endorses someone else's contribution: signs it (EIP-712) and records it with the node.

  guild endorse <contributionId> [--dev-account <n>]

Members (accounts holding reputation, which only paid work for the guild earns) endorse others' work
while its epoch is open, once per contribution, never their own. Each member's support is shared
equally among what they endorse that epoch; the guild/peers evaluator scores the support a
contribution drew when the epoch is assessed, if governance gave it a weight in the ensemble.
The key: as for guild submit (dev account 0 on the embedded chain, --dev-account <n>, or
$GUILD_PRIVATE_KEY / --keystore with --rpc-url).`;

export async function endorseCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...GLOBAL_OPTIONS, "dev-account": { type: "string" } },
  });
  const options = globalOptions(values);
  const id = contributionIdArgument("guild endorse", positionals, "guild endorse takes one contribution id");
  const target = signerTarget(options, values["dev-account"]);

  await withNode(
    options,
    async (ctx) => {
      const account = localAccount(ctx.chain.walletClient.account);
      const now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
      const signed = await signEndorsement(
        account,
        { contributionId: id, nonce: randomNonce(), deadline: now + DEADLINE_SECONDS },
        signingDomain(ctx.manifest),
      );
      // Accepted from its JSON, as the node accepts anyone's.
      const endorsement = await acceptEndorsement(ctx, JSON.parse(JSON.stringify(signed)));
      const result = endorsementView(endorsement);
      out.result(result, () => {
        out.line(`Endorsed ${endorsement.contributionId} (epoch ${endorsement.epochId})`);
        out.line(
          `  signed by ${endorsement.endorser} (EIP-712), nonce ${signed.nonce}, recorded ${isoTime(endorsement.createdAt)}`,
        );
      });
    },
    target,
  );
}
