// `guild verify <epoch>`: the auditor's check that an epoch's report and root follow from its inputs.
import { parseArgs } from "node:util";
import { GuildError } from "../../core/errors.ts";
import { openNode } from "../../node/openNode.ts";
import type { VerifyResult } from "../../node/verifyEpoch.ts";
import { verifyEpoch } from "../../node/verifyEpoch.ts";
import { chainTarget, GLOBAL_OPTIONS, globalOptions } from "../context.ts";
import type { Output } from "../output.ts";

/** The epoch argument is missing or not a positive whole number. */
export class InvalidEpochArgument extends GuildError {}

export const verifyHelp = `guild verify <epoch> [--llm-url <url>] [--json]

Recomputes an epoch from its stored inputs and checks every step: contribution ids from their content,
each verdict by re-running its evaluator, the consensus and values, the allocation, leaves, root and
report, the report file, and the chain's settlement (root, report hash, totals, challenge end, the
config hash its proposal named, one proposal). Exits with code 1 when any check fails.
The LLM judge's verdicts are replayed from the replies stored with them (no model server needed);
--llm-url <url> also sends each one again, as recorded, to your OpenAI-compatible model server
($GUILD_LLM_KEY for its key) and reports whether it reproduces.`;

/** How many findings of one check are printed; --json has them all. */
const FINDINGS_SHOWN = 10;

export async function verifyCommand(argv: string[], out: Output): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...GLOBAL_OPTIONS, "llm-url": { type: "string" } },
    allowPositionals: true,
  });
  const options = globalOptions(values);
  const [epochArg, ...extra] = positionals;
  if (epochArg === undefined || extra.length > 0 || !/^[1-9]\d*$/.test(epochArg)) {
    throw new InvalidEpochArgument(`guild verify takes one epoch number, got "${positionals.join(" ")}"`, {
      given: positionals.join(" "),
    });
  }
  const ctx = await openNode({ chain: chainTarget(options), databaseUrl: process.env.DATABASE_URL });
  let result: VerifyResult;
  try {
    const key = process.env.GUILD_LLM_KEY;
    const llmUrl = values["llm-url"];
    result = await verifyEpoch(
      ctx,
      Number(epochArg),
      llmUrl === undefined ? {} : { rerunLlm: key ? { baseUrl: llmUrl, apiKey: key } : { baseUrl: llmUrl } },
    );
  } finally {
    await ctx.close();
  }
  out.result(result, () => {
    const failed = result.checks.filter((c) => !c.ok).length;
    out.line(
      `Epoch ${result.epochId} (${result.state}): ${
        failed === 0
          ? `all ${result.checks.length} checks pass`
          : `${failed} of ${result.checks.length} checks fail`
      }`,
    );
    for (const check of result.checks) {
      if (check.ok) {
        out.line(`  ✓ ${check.name}`);
        continue;
      }
      out.line(`  ✗ ${check.name}`);
      out.line(`      expected ${check.expected}`);
      out.line(`      actual   ${check.actual}`);
      const findings = check.findings ?? [];
      for (const finding of findings.slice(0, FINDINGS_SHOWN)) out.line(`      - ${finding}`);
      if (findings.length > FINDINGS_SHOWN) {
        out.line(`      … and ${findings.length - FINDINGS_SHOWN} more (--json lists them all)`);
      }
    }
  });
  if (!result.ok) process.exitCode = 1;
}
