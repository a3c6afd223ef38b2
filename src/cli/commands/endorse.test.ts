// `guild endorse` as a person runs it: a member endorses others' work in the open epoch, once, never their own.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { contributionOf } from "../../assess/testing/contributionOf.ts";
import { DEV_MNEMONIC } from "../../chain/embeddedChain.ts";
import { NO_GRANT_ROUND, prepareGuild } from "../../node/epoch/testing/prepareGuild.ts";
import { openNode } from "../../node/openNode.ts";
import { runGuild as guild } from "../testing/runGuild.ts";

const dev = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).address;

describe("guild endorse", { skip: NO_GRANT_ROUND }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "guild-endorse-cli-"));
  /** Two of the round's applications in the open epoch 1, and dev account 1's own work beside them. */
  let work: Hex[] = [];
  let own: Hex;

  before(async () => {
    // Dev account 0 is the founding member; dev account 1 is a member too.
    await prepareGuild(dataDir, { applications: 2, mapped: 2, members: [dev(1)] });
    const ctx = await openNode({ chain: { dataDir } });
    try {
      work = await ctx.store.listContributionIds(1);
      const mine = contributionOf({ epochId: 1, contributor: { kind: "address", address: dev(1) } });
      await ctx.store.insertContribution(mine);
      own = mine.id;
    } finally {
      await ctx.close();
    }
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("signs a member's endorsement with their key and records it once", async () => {
    const json = await guild(dataDir, "endorse", work[0] as string, "--json");
    assert.equal(json.code, 0, json.stderr);
    const recorded = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.deepEqual([recorded.contributionId, recorded.epochId, recorded.endorser], [work[0], 1, dev(0)]);
    assert.match(String(recorded.signature), /^0x[0-9a-f]{130}$/);

    const human = await guild(dataDir, "endorse", work[1] as string, "--dev-account", "1");
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout.split("\n")[0], `Endorsed ${work[1]} (epoch 1)`);
    assert.match(
      human.stdout.split("\n")[1] ?? "",
      new RegExp(`^ {2}signed by ${dev(1)} \\(EIP-712\\), nonce \\d+, recorded `),
    );

    const again = await guild(dataDir, "endorse", work[0] as string);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`^error: ${dev(0)} already endorsed ${work[0]}`));
  });

  it("refuses a member's own work, an outsider, and a malformed id, by name", async () => {
    const mine = await guild(dataDir, "endorse", own, "--dev-account", "1");
    assert.equal(mine.code, 1);
    assert.match(mine.stderr, new RegExp(`^error: ${dev(1)} cannot endorse their own contribution ${own}`));
    const outsider = await guild(dataDir, "endorse", work[0] as string, "--dev-account", "5");
    assert.equal(outsider.code, 1);
    assert.match(outsider.stderr, new RegExp(`^error: ${dev(5)} holds no reputation: members endorse`));
    const malformed = await guild(dataDir, "endorse", "0x12");
    assert.equal(malformed.code, 1);
    assert.match(
      malformed.stderr,
      /^error: guild endorse takes a contribution id \(0x and 64 hex digits\), got "0x12"/,
    );

    const ctx = await openNode({ chain: { dataDir } });
    try {
      assert.deepEqual(
        (await ctx.store.listEndorsements({ epochId: 1 })).map((e) => [e.contributionId, e.endorser]),
        [
          [work[0], dev(0)],
          [work[1], dev(1)],
        ],
      );
    } finally {
      await ctx.close();
    }
  });
});
