// A governance proposal's call in words: which guild contract and function it calls and, for the governed
// setters (GuildConfig, Reputation's half-life, the governor's settings), which parameter changes from
// what to what.
import type { Abi, Address, Hex } from "viem";
import { decodeFunctionData, formatUnits, isAddressEqual } from "viem";
import { GuildConfig, GuildGovernor, GuildToken, Reputation } from "../../chain/contracts.generated.ts";
import type { GuildAddresses } from "../../chain/deployGuild.ts";
import type { ProposalCallView } from "./apiTypes.ts";

/** A governed parameter: what people call it and how its raw value (decimal or address) reads. */
interface ParameterSpec {
  label: string;
  format: (raw: string) => string;
}

const duration = (raw: string): string => {
  let left = Number(raw);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
    ["second", 1],
  ] as const) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`);
  }
  return parts.length === 0 ? "0 seconds" : parts.join(" ");
};
const percentOfBps = (raw: string) => `${Number(raw) / 100}%`;
const tokens = (symbol: string) => (raw: string) => `${formatUnits(BigInt(raw), 18)} ${symbol}`;
const plain = (raw: string) => raw;

/** The parameters a proposal can change, by the name GovernedParameters and the contracts' events use. */
const PARAMETERS: Readonly<Record<string, ParameterSpec>> = {
  epochLengthSeconds: { label: "the epoch length", format: duration },
  budgetPerEpoch: { label: "the budget per epoch", format: tokens("GUILD") },
  capBps: { label: "the cap per recipient (share of the epoch budget)", format: percentOfBps },
  floorAmount: { label: "the floor (least payout sent)", format: tokens("GUILD") },
  challengeWindowSeconds: { label: "the challenge window", format: duration },
  claimExpirySeconds: { label: "the time to claim", format: duration },
  replicationFactor: { label: "the replication factor (replicas per assessment)", format: plain },
  assessmentConfigHash: { label: "the assessment configuration", format: plain },
  node: { label: "the node", format: plain },
  guardian: { label: "the guardian", format: plain },
  halfLifeSeconds: { label: "reputation's half-life", format: duration },
  votingDelaySeconds: { label: "the voting delay", format: duration },
  votingPeriodSeconds: { label: "the voting period", format: duration },
  proposalThreshold: { label: "the proposal threshold", format: tokens("gREP") },
  quorumPercent: { label: "the quorum (share of all reputation)", format: (raw) => `${raw}%` },
};

/** Which parameter each governed setter sets, by contract and function. */
const SETTERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  GuildConfig: {
    setEpochLength: "epochLengthSeconds",
    setBudgetPerEpoch: "budgetPerEpoch",
    setCapBps: "capBps",
    setFloorAmount: "floorAmount",
    setChallengeWindow: "challengeWindowSeconds",
    setClaimExpiry: "claimExpirySeconds",
    setReplicationFactor: "replicationFactor",
    setAssessmentConfig: "assessmentConfigHash",
    setNode: "node",
    setGuardian: "guardian",
  },
  Reputation: { setHalfLife: "halfLifeSeconds" },
  GuildGovernor: {
    setVotingDelay: "votingDelaySeconds",
    setVotingPeriod: "votingPeriodSeconds",
    setProposalThreshold: "proposalThreshold",
    updateQuorumNumerator: "quorumPercent",
  },
};

type ContractName = NonNullable<ProposalCallView["contract"]>;

const ABIS: Readonly<Record<ContractName, Abi>> = {
  GuildConfig: GuildConfig.abi,
  Reputation: Reputation.abi,
  GuildGovernor: GuildGovernor.abi,
  GuildToken: GuildToken.abi,
};

const ADDRESS_KEYS: Readonly<Record<ContractName, keyof GuildAddresses>> = {
  GuildConfig: "config",
  Reputation: "reputation",
  GuildGovernor: "governor",
  GuildToken: "token",
};

const show = (value: unknown): string =>
  typeof value === "bigint" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : typeof value === "string"
      ? value
      : JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

export interface ProposalCallInput {
  target: Address;
  value: bigint;
  data: Hex;
}

/**
 * Describes one call of a proposal. `before` gives each parameter's value before the call (raw: a
 * decimal or an address): the value from the execution's events for an executed proposal, the value now
 * otherwise; the caller updates it with each change returned, so two calls on one parameter chain.
 * Calls the ABIs do not know are shown by selector; nothing here throws.
 */
export function describeProposalCall(
  call: ProposalCallInput,
  contracts: GuildAddresses,
  before: (parameter: string) => string | undefined,
): ProposalCallView {
  const base = { target: call.target, value: call.value.toString(), data: call.data };
  const contract =
    (Object.keys(ADDRESS_KEYS) as ContractName[]).find((name) =>
      isAddressEqual(contracts[ADDRESS_KEYS[name]], call.target),
    ) ?? null;
  const sending = call.value > 0n ? `, sending ${formatUnits(call.value, 18)} ETH` : "";
  if (call.data === "0x" || call.data.length < 10) {
    return {
      ...base,
      contract,
      function: null,
      args: [],
      change: null,
      description: `Sends ${formatUnits(call.value, 18)} ETH to ${call.target}`,
    };
  }
  let decoded: { functionName: string; args: readonly unknown[] } | undefined;
  if (contract !== null) {
    try {
      const result = decodeFunctionData({ abi: ABIS[contract], data: call.data });
      decoded = { functionName: result.functionName, args: result.args ?? [] };
    } catch {
      decoded = undefined;
    }
  }
  if (contract === null || decoded === undefined) {
    return {
      ...base,
      contract,
      function: null,
      args: [],
      change: null,
      description: `Calls ${call.data.slice(0, 10)} on ${contract ?? call.target}${sending}`,
    };
  }
  const { functionName, args } = decoded;
  const view = { ...base, contract, function: functionName, args: args.map(show) };
  const parameter = SETTERS[contract]?.[functionName];
  const spec = parameter === undefined ? undefined : PARAMETERS[parameter];
  if (parameter !== undefined && spec !== undefined) {
    const to = show(args[0]);
    const from = before(parameter) ?? null;
    const uri = functionName === "setAssessmentConfig" ? ` (${show(args[1])})` : "";
    const description =
      from === null
        ? `Sets ${spec.label} to ${spec.format(to)}${uri}`
        : `Sets ${spec.label} from ${spec.format(from)} to ${spec.format(to)}${uri}`;
    return { ...view, change: { parameter, from, to }, description };
  }
  return { ...view, change: null, description: `${describeOther(contract, functionName, args)}${sending}` };
}

/** The calls that change no single parameter, in words. */
function describeOther(contract: ContractName, functionName: string, args: readonly unknown[]): string {
  if (contract === "GuildConfig" && functionName === "approveModel") {
    return `Approves the model with digest ${show(args[0])}`;
  }
  if (contract === "GuildConfig" && functionName === "revokeModel") {
    return `Revokes the model with digest ${show(args[0])}`;
  }
  if (contract === "GuildToken" && functionName === "transfer") {
    return `Pays ${tokens("GUILD")(show(args[1]))} from the treasury to ${show(args[0])}`;
  }
  if (contract === "GuildToken" && functionName === "veto") {
    return `Vetoes epoch ${show(args[0])}`;
  }
  return `Calls ${contract}.${functionName}(${args.map(show).join(", ")})`;
}
