// `guild dispute` as a person runs it: a contributor disputes a verdict on their work, once, and only theirs.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { DEV_MNEMONIC } from "../../chain/embeddedChain.ts";
import type { ContributionContent } from "../../core/contribution/contribution.ts";
import { contributionId } from "../../core/contribution/contribution.ts";
import { assessEpoch } from "../../node/epoch/assessEpoch.ts";
import { closeEpoch } from "../../node/epoch/closeEpoch.ts";
import { NO_GRANT_ROUND, prepareGuild } from "../../node/epoch/testing/prepareGuild.ts";
import { openNode } from "../../node/openNode.ts";
import { runGuild as guild } from "../testing/runGuild.ts";

const dev = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).address;

describe("guild dispute", { skip: NO_GRANT_ROUND }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-dispute-cli-"));
  /** Two contributions of dev account 1 in the assessed epoch 1, and their verdicts' evaluator. */
  const work: Hex[] = [];
  let evaluator = "";

  before(async () => {
    await prepareGuild(dataDir, { applications: 4, mapped: 4 });
    const ctx = await openNode({ chain: { dataDir } });
    try {
      for (const title of ["Claim page", "Proof cache"]) {
        const content: ContributionContent = {
          epochId: 1,
          contributor: { kind: "address", address: dev(1) },
          kind: "docs",
          title,
          description: "Explains claiming rewards with a wallet, step by step, with screenshots.",
          links: [],
          metrics: {},
          createdAt: 1_767_225_600,
        };
        const id = contributionId(content);
        await ctx.store.insertContribution({
          ...content,
          id,
          source: { kind: "git", repository: "r", commit: title },
        });
        work.push(id);
      }
      await closeEpoch(ctx, 1);
      await assessEpoch(ctx, 1);
      evaluator = (await ctx.store.listVerdicts({ contributionId: work[0] as Hex }))[0]?.evaluator.id ?? "";
    } finally {
      await ctx.close();
    }
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("signs the contributor's dispute with their key, trims the reason, and records it once", async () => {
    const json = await guild(
      dataDir,
      ...[
        "dispute",
        work[0] as string,
        "--evaluator",
        evaluator,
        "--reason",
        "  The screenshots were not counted. ",
      ],
      ...["--dev-account", "1", "--json"],
    );
    assert.equal(json.code, 0, json.stderr);
    const recorded = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.deepEqual(
      [recorded.contributionId, recorded.epochId, recorded.evaluator, recorded.disputant, recorded.reason],
      [work[0], 1, evaluator, dev(1), "The screenshots were not counted."],
    );
    assert.match(String(recorded.signature), /^0x[0-9a-f]{130}$/);

    const human = await guild(
      dataDir,
      "dispute",
      work[1] as string,
      "--evaluator",
      evaluator,
      "--reason",
      "Undervalued.",
      "--dev-account",
      "1",
    );
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout.split("\n")[0], `Disputed the verdict of ${evaluator} on ${work[1]} (epoch 1)`);
    assert.match(
      human.stdout.split("\n")[1] ?? "",
      new RegExp(`^ {2}signed by ${dev(1)} \\(EIP-712\\), nonce \\d+, recorded `),
    );

    const again = await guild(
      dataDir,
      "dispute",
      work[0] as string,
      "--evaluator",
      evaluator,
      "--reason",
      "Once more.",
      "--dev-account",
      "1",
    );
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      new RegExp(`^error: ${dev(1)} already disputed the verdict of ${evaluator} on ${work[0]}`),
    );

    const ctx = await openNode({ chain: { dataDir } });
    try {
      assert.deepEqual(await ctx.store.countDisputes(1), { disputes: 2, contributions: 2 });
    } finally {
      await ctx.close();
    }
  });

  it("refuses another account's dispute, an unknown evaluator and bad arguments by name", async () => {
    const other = await guild(
      dataDir,
      "dispute",
      work[0] as string,
      "--evaluator",
      evaluator,
      "--reason",
      "Mine too.",
      "--dev-account",
      "2",
    );
    assert.equal(other.code, 1);
    assert.match(other.stderr, /^error: only the contributor may dispute the verdicts on 0x[0-9a-f]{64}\n/);
    const unknown = await guild(
      dataDir,
      "dispute",
      work[0] as string,
      "--evaluator",
      "guild/nobody",
      "--reason",
      "No.",
      "--dev-account",
      "1",
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^error: guild\/nobody gave no verdict on 0x[0-9a-f]{64}\n/);
    assert.match(unknown.stderr, new RegExp(`\\n {2}evaluators: ${evaluator.replace("/", "\\/")}\\n`));
    const noReason = await guild(
      dataDir,
      "dispute",
      work[0] as string,
      "--evaluator",
      evaluator,
      "--reason",
      "   ",
    );
    assert.equal(noReason.code, 1);
    assert.match(noReason.stderr, /^error: --reason says why the verdict is wrong\n/);
    const noId = await guild(dataDir, "dispute", "0x12", "--evaluator", evaluator, "--reason", "x");
    assert.equal(noId.code, 1);
    assert.match(
      noId.stderr,
      /^error: guild dispute takes a contribution id \(0x and 64 hex digits\), got "0x12"\n/,
    );
    const tooLong = await guild(
      dataDir,
      "dispute",
      work[0] as string,
      "--evaluator",
      evaluator,
      "--reason",
      "x".repeat(2_001),
      "--dev-account",
      "1",
    );
    assert.equal(tooLong.code, 1);
    assert.match(tooLong.stderr, /^error: dispute field reason must be 1 to 2000 characters/);
  });
});
