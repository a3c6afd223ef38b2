import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { AssessmentConfig } from "../assess/assessmentConfig.ts";
import { assessmentConfigHash, DEFAULT_ASSESSMENT_CONFIG } from "../assess/assessmentConfig.ts";
import { contributionOf } from "../assess/testing/contributionOf.ts";
import {
  EndorsementAlreadyGiven,
  EndorsementFieldInvalid,
  EndorsementOwnWork,
  EndorsementSignatureMismatch,
  EndorsementUnknownContribution,
  EndorsementWindowClosed,
  EndorserNotMember,
} from "../core/endorsements/endorsementErrors.ts";
import { signEndorsement } from "../core/endorsements/signEndorsement.ts";
import { NonceAlreadyUsed } from "../store/storeErrors.ts";
import { acceptEndorsement } from "./acceptEndorsement.ts";
import { calibrateAssessment } from "./calibrateAssessment.ts";
import { allocateEpoch } from "./epoch/allocateEpoch.ts";
import { assessEpoch } from "./epoch/assessEpoch.ts";
import { closeEpoch } from "./epoch/closeEpoch.ts";
import { answerSpotChecks } from "./epoch/testing/answerSpotChecks.ts";
import { NO_GRANT_ROUND, prepareGuild } from "./epoch/testing/prepareGuild.ts";
import type { NodeContext } from "./openNode.ts";
import { openNode } from "./openNode.ts";
import { verifyEpoch } from "./verifyEpoch.ts";

/** Three founding members who endorse, one outsider with no reputation, and jurors. */
const MEMBERS = [0x91, 0x92, 0x93].map((n) => privateKeyToAccount(`0x${n.toString(16).repeat(32)}`));
const [ANN, BEN, CY] = MEMBERS as [LocalAccount, LocalAccount, LocalAccount];
const OUTSIDER = privateKeyToAccount(`0x${"a4".repeat(32)}`);
const JURORS = [0xb1, 0xb2, 0xb3].map((n) => privateKeyToAccount(`0x${n.toString(16).repeat(32)}`));

/** Half the ensemble the signals model, half the members' endorsements. */
const WITH_PEERS: AssessmentConfig = {
  ...DEFAULT_ASSESSMENT_CONFIG,
  version: "guild-assessment-test-peers",
  evaluators: [
    {
      ...(DEFAULT_ASSESSMENT_CONFIG.evaluators[0] as AssessmentConfig["evaluators"][number]),
      weightBps: 5_000,
    },
    { id: "guild/peers", weightBps: 5_000 },
  ],
};

describe("an epoch assessed with members' endorsements", { skip: NO_GRANT_ROUND }, () => {
  let dataDir: string;
  let ctx: NodeContext;
  let ids: Hex[];
  let now: number;
  let nonce = 100n;
  const endorse = async (member: LocalAccount, contributionId: Hex, fields: { nonce?: bigint } = {}) =>
    acceptEndorsement(
      ctx,
      await signEndorsement(
        member,
        { contributionId, nonce: fields.nonce ?? nonce++, deadline: now + 3_600 },
        { chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token },
      ),
    );

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "guild-peers-epoch-"));
    await prepareGuild(dataDir, {
      applications: 6,
      mapped: 6,
      assessment: { hash: assessmentConfigHash(WITH_PEERS), uri: "guild:test/with-peers" },
      members: MEMBERS.map((m) => m.address),
    });
    ctx = await openNode({ chain: { dataDir }, assessment: WITH_PEERS });
    ids = await ctx.store.listContributionIds(1);
    now = Number((await ctx.chain.publicClient.getBlock()).timestamp);
  });

  after(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("takes a member's endorsement of others' work while the epoch is open, and refuses the rest by name", async () => {
    const [first, second] = ids as [Hex, Hex];
    const taken = await endorse(ANN, first);
    assert.equal(taken.endorser, ANN.address);
    assert.equal(taken.epochId, 1);
    assert.deepEqual(
      (await ctx.store.listEndorsements({ contributionId: first })).map((e) => e.endorser),
      [ANN.address],
    );
    await assert.rejects(endorse(ANN, first), EndorsementAlreadyGiven);
    await assert.rejects(endorse(ANN, second, { nonce: taken.nonce }), NonceAlreadyUsed);
    await assert.rejects(endorse(OUTSIDER, first), EndorserNotMember);
    await assert.rejects(endorse(BEN, `0x${"00".repeat(32)}`), EndorsementUnknownContribution);
    // A member's own work (here, submitted under their address) is not theirs to endorse.
    const own = contributionOf({ epochId: 1, contributor: { kind: "address", address: CY.address } });
    await ctx.store.insertContribution(own);
    await assert.rejects(endorse(CY, own.id), EndorsementOwnWork);
    const signed = await signEndorsement(
      BEN,
      { contributionId: first, nonce: nonce++, deadline: now + 3_600 },
      { chainId: ctx.manifest.chainId, verifyingContract: ctx.manifest.contracts.token },
    );
    await assert.rejects(
      acceptEndorsement(ctx, { ...signed, endorser: CY.address }),
      EndorsementSignatureMismatch,
    );
    await assert.rejects(acceptEndorsement(ctx, { ...signed, note: "great" }), EndorsementFieldInvalid);
  });

  it("assesses the support each contribution drew, allocates, verifies, and takes no endorsement once closed", async () => {
    const [first, second, third] = ids as [Hex, Hex, Hex];
    // Ann endorsed the first; Ben the first and the second; Cy only the second. Nobody endorsed the third.
    await endorse(BEN, first);
    await endorse(BEN, second);
    await endorse(CY, second);
    await closeEpoch(ctx, 1);
    await assert.rejects(endorse(CY, third), EndorsementWindowClosed);
    await assessEpoch(ctx, 1);
    const peers = new Map(
      (await ctx.store.listVerdicts({ epochId: 1 }))
        .filter((v) => v.evaluator.id === "guild/peers" && v.replica === 0)
        .map((v) => [v.contributionId, v]),
    );
    // Ann's whole support and half of Ben's: 1.5 members; Ben's half and Cy's whole: 1.5; nobody's: 0.
    assert.equal(peers.get(first)?.overall, 66);
    assert.equal(peers.get(second)?.overall, 66);
    assert.equal(peers.get(third)?.overall, 0);
    assert.match(peers.get(first)?.scores[0]?.reason ?? "", /Endorsed by 2 members/);
    assert.match(peers.get(third)?.scores[0]?.reason ?? "", /No member endorsed/);

    await allocateEpoch(ctx, 1);
    const verified = await verifyEpoch(ctx, 1);
    assert.deepEqual(
      verified.checks.filter((c) => !c.ok),
      [],
    );
    const endorsements = verified.checks.find((c) => c.name.startsWith("endorsements:"));
    assert.equal(endorsements?.actual, "4 of 4");
  });

  it("calibrates the ensemble toward the peers when jurors side with the work members endorsed", async () => {
    const peersOverall = new Map(
      (await ctx.store.listVerdicts({ epochId: 1 }))
        .filter((v) => v.evaluator.id === "guild/peers" && v.replica === 0)
        .map((v) => [v.contributionId, v.overall]),
    );
    await answerSpotChecks(ctx, 1, JURORS, (id) => 1 + (peersOverall.get(id) ?? 0), 10);
    const calibration = await calibrateAssessment(ctx, { folds: 3 });
    const weight = calibration.evaluators.find((e) => e.id === "guild/peers");
    assert.equal(weight?.currentBps, 5_000);
    assert.ok((weight?.calibratedBps ?? 0) > 5_000, JSON.stringify(calibration.evaluators));
    assert.equal(
      calibration.config.evaluators.find((e) => e.id === "guild/peers")?.weightBps,
      weight?.calibratedBps,
    );
  });
});
