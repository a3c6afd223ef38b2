// A proposal's calls in words: governed setters as parameter changes, other guild calls by name, the
// rest by selector.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { encodeFunctionData, getAddress, parseEther } from "viem";
import { GuildConfig, GuildGovernor, GuildToken, Reputation } from "../../chain/contracts.generated.ts";
import { describeProposalCall } from "./describeProposalCall.ts";

const contracts = {
  timelock: "0x0000000000000000000000000000000000000001",
  reputation: "0x0000000000000000000000000000000000000002",
  governor: "0x0000000000000000000000000000000000000003",
  config: "0x0000000000000000000000000000000000000004",
  token: "0x0000000000000000000000000000000000000005",
} as const satisfies Record<string, Address>;
const ALICE: Address = getAddress("0x00000000000000000000000000000000000a11ce");
const DIGEST: Hex = `0x${"ab".repeat(32)}`;

const describeCall = (target: Address, data: Hex, before: Record<string, string> = {}, value = 0n) =>
  describeProposalCall({ target, value, data }, contracts, (parameter) => before[parameter]);

describe("describeProposalCall", () => {
  it("shows a governed setter as the parameter it changes, from what to what", () => {
    const cap = describeCall(
      contracts.config,
      encodeFunctionData({ abi: GuildConfig.abi, functionName: "setCapBps", args: [2500] }),
      { capBps: "2000" },
    );
    assert.deepEqual(
      [cap.contract, cap.function, cap.args, cap.change],
      ["GuildConfig", "setCapBps", ["2500"], { parameter: "capBps", from: "2000", to: "2500" }],
    );
    assert.equal(cap.description, "Sets the cap per recipient (share of the epoch budget) from 20% to 25%");
    const window = describeCall(
      contracts.config,
      encodeFunctionData({
        abi: GuildConfig.abi,
        functionName: "setChallengeWindow",
        args: [4 * 86_400 + 3_600],
      }),
    );
    assert.equal(window.description, "Sets the challenge window to 4 days 1 hour");
    const halfLife = describeCall(
      contracts.reputation,
      encodeFunctionData({ abi: Reputation.abi, functionName: "setHalfLife", args: [90 * 86_400] }),
      { halfLifeSeconds: String(180 * 86_400) },
    );
    assert.equal(halfLife.description, "Sets reputation's half-life from 180 days to 90 days");
    const quorum = describeCall(
      contracts.governor,
      encodeFunctionData({ abi: GuildGovernor.abi, functionName: "updateQuorumNumerator", args: [10n] }),
      { quorumPercent: "4" },
    );
    assert.equal(quorum.description, "Sets the quorum (share of all reputation) from 4% to 10%");
    const assessment = describeCall(
      contracts.config,
      encodeFunctionData({
        abi: GuildConfig.abi,
        functionName: "setAssessmentConfig",
        args: [DIGEST, "ipfs://x"],
      }),
    );
    assert.equal(assessment.change?.parameter, "assessmentConfigHash");
    assert.equal(assessment.description, `Sets the assessment configuration to ${DIGEST} (ipfs://x)`);
  });

  it("names other guild calls, and shows unknown ones by selector", () => {
    const pay = describeCall(
      contracts.token,
      encodeFunctionData({
        abi: GuildToken.abi,
        functionName: "transfer",
        args: [ALICE, parseEther("12.5")],
      }),
    );
    assert.equal(pay.description, `Pays 12.5 GUILD from the treasury to ${ALICE}`);
    assert.equal(pay.change, null);
    const model = describeCall(
      contracts.config,
      encodeFunctionData({ abi: GuildConfig.abi, functionName: "approveModel", args: [DIGEST] }),
    );
    assert.equal(model.description, `Approves the model with digest ${DIGEST}`);
    const veto = describeCall(
      contracts.token,
      encodeFunctionData({ abi: GuildToken.abi, functionName: "veto", args: [3n] }),
    );
    assert.equal(veto.description, "Vetoes epoch 3");
    const unknownSelector = describeCall(contracts.config, "0xdeadbeef00");
    assert.deepEqual(
      [unknownSelector.function, unknownSelector.description],
      [null, "Calls 0xdeadbeef on GuildConfig"],
    );
    const elsewhere = describeCall(ALICE, "0x12345678", {}, parseEther("1"));
    assert.deepEqual(
      [elsewhere.contract, elsewhere.description],
      [null, `Calls 0x12345678 on ${ALICE}, sending 1 ETH`],
    );
    assert.equal(describeCall(ALICE, "0x", {}, parseEther("2")).description, `Sends 2 ETH to ${ALICE}`);
  });
});
