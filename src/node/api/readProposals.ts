// The governor's proposals as the chain holds them: from its ProposalCreated events, with each one's
// state, vote tallies, quorum, eta and calls in words (parameter changes from what to what).
import type { Hex } from "viem";
import { hexToString, parseEventLogs } from "viem";
import { GuildConfig, GuildGovernor, Reputation } from "../../chain/contracts.generated.ts";
import type { NodeContext } from "../openNode.ts";
import { ApiProblem } from "./apiProblem.ts";
import type { GovernedParameters, Page, ProposalView } from "./apiTypes.ts";
import { PROPOSAL_STATES } from "./apiTypes.ts";
import { describeProposalCall } from "./describeProposalCall.ts";
import { readGovernedParameters } from "./readGovernedParameters.ts";

/**
 * A page of proposals, newest first; `cursor` is the id of the last proposal of the previous page.
 * @throws ApiProblem InvalidCursor when no proposal has the cursor's id
 */
export async function readProposals(
  ctx: NodeContext,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<ProposalView>> {
  const { publicClient } = ctx.chain;
  const governor = ctx.manifest.contracts.governor;
  const fromBlock = BigInt(ctx.manifest.blockNumber);
  const created = (
    await publicClient.getContractEvents({
      address: governor,
      abi: GuildGovernor.abi,
      eventName: "ProposalCreated",
      fromBlock,
    })
  ).reverse();
  let start = 0;
  if (page.cursor !== undefined) {
    const at = created.findIndex((log) => log.args.proposalId?.toString() === page.cursor);
    if (at < 0)
      throw new ApiProblem("InvalidCursor", "no proposal has the cursor's id", { cursor: page.cursor });
    start = at + 1;
  }
  const slice = created.slice(start, start + page.limit);
  if (slice.length === 0) return { items: [], nextCursor: null };

  const [now, parameters, executions] = await Promise.all([
    publicClient.getBlock().then((b) => b.timestamp),
    readGovernedParameters(ctx),
    publicClient.getContractEvents({
      address: governor,
      abi: GuildGovernor.abi,
      eventName: "ProposalExecuted",
      fromBlock,
    }),
  ]);
  const items = await Promise.all(
    slice.map(async (log): Promise<ProposalView> => {
      const { proposalId, proposer, targets, values, calldatas, voteStart, voteEnd, description } = log.args;
      const id = proposalId ?? 0n;
      const at = { address: governor, abi: GuildGovernor.abi, args: [id] } as const;
      const [state, votes, eta] = await Promise.all([
        publicClient.readContract({ ...at, functionName: "state" }),
        publicClient.readContract({ ...at, functionName: "proposalVotes" }),
        publicClient.readContract({ ...at, functionName: "proposalEta" }),
      ]);
      const stateName = PROPOSAL_STATES[state] ?? "Pending";
      const snapshot = voteStart ?? 0n;
      // The quorum counts reputation at the snapshot, which the chain refuses to tell before it passes.
      const quorum =
        snapshot < now
          ? await publicClient
              .readContract({
                address: governor,
                abi: GuildGovernor.abi,
                functionName: "quorum",
                args: [snapshot],
              })
              .catch(() => null)
          : null;
      const executedIn =
        stateName === "Executed"
          ? (executions.find((e) => e.args.proposalId === id)?.transactionHash ?? null)
          : null;
      const before =
        executedIn === null ? valuesNow(parameters) : await valuesBeforeExecution(ctx, executedIn);
      const calls = (targets ?? []).map((target, i) => {
        const view = describeProposalCall(
          { target, value: values?.[i] ?? 0n, data: calldatas?.[i] ?? "0x" },
          ctx.manifest.contracts,
          before.get,
        );
        if (view.change !== null) before.set(view.change.parameter, view.change.to);
        return view;
      });
      const [against, forVotes, abstain] = votes;
      return {
        id: id.toString(),
        proposer: proposer ?? "0x0000000000000000000000000000000000000000",
        description: description ?? "",
        state: stateName,
        voteStart: Number(snapshot),
        voteEnd: Number(voteEnd ?? 0n),
        votes: { for: forVotes.toString(), against: against.toString(), abstain: abstain.toString() },
        quorum: quorum === null ? null : quorum.toString(),
        eta: eta === 0n ? null : Number(eta),
        createdInBlock: (log.blockNumber ?? 0n).toString(),
        createdInTx: log.transactionHash as Hex,
        executedInTx: executedIn,
        calls,
      };
    }),
  );
  const last = items.at(-1);
  return {
    items,
    nextCursor: start + slice.length < created.length && last !== undefined ? last.id : null,
  };
}

/** Parameter values as a proposal's calls see them, updated call by call. */
interface ParameterValues {
  get: (parameter: string) => string | undefined;
  set: (parameter: string, value: string) => void;
}

function valuesOf(entries: Iterable<[string, string]>): ParameterValues {
  const map = new Map(entries);
  return { get: (parameter) => map.get(parameter), set: (parameter, value) => map.set(parameter, value) };
}

/** The parameters' values now: what a proposal not executed yet would change them from. */
function valuesNow(parameters: GovernedParameters): ParameterValues {
  return valuesOf(
    Object.entries(parameters).flatMap(([key, value]): [string, string][] =>
      typeof value === "string" || typeof value === "number" ? [[key, String(value)]] : [],
    ),
  );
}

/**
 * The parameters' values before an executed proposal changed them, from the change events its execution
 * emitted (each names the old value), so no historical state is read (a plain JSON-RPC node has none).
 * Each event is used once, in order, so two calls on one parameter each get their own old value.
 */
async function valuesBeforeExecution(ctx: NodeContext, txHash: Hex): Promise<ParameterValues> {
  const receipt = await ctx.chain.publicClient.getTransactionReceipt({ hash: txHash });
  const olds = new Map<string, string[]>();
  const push = (parameter: string, value: string) =>
    olds.set(parameter, [...(olds.get(parameter) ?? []), value]);
  const { config, reputation, governor } = ctx.manifest.contracts;
  const ours = new Set([config, reputation, governor].map((a) => a.toLowerCase()));
  const logs = receipt.logs.filter((log) => ours.has(log.address.toLowerCase()));
  const abi = [...GuildConfig.abi, ...Reputation.abi, ...GuildGovernor.abi];
  for (const event of parseEventLogs({ abi, logs, strict: true })) {
    switch (event.eventName) {
      case "UintParameterChanged":
        push(hexToString(event.args.name, { size: 32 }), event.args.oldValue.toString());
        break;
      case "AddressParameterChanged":
        push(hexToString(event.args.name, { size: 32 }), event.args.oldValue);
        break;
      case "AssessmentConfigChanged":
        push("assessmentConfigHash", event.args.oldHash);
        break;
      case "HalfLifeChanged":
        push("halfLifeSeconds", event.args.oldHalfLifeSeconds.toString());
        break;
      case "VotingDelaySet":
        push("votingDelaySeconds", event.args.oldVotingDelay.toString());
        break;
      case "VotingPeriodSet":
        push("votingPeriodSeconds", event.args.oldVotingPeriod.toString());
        break;
      case "ProposalThresholdSet":
        push("proposalThreshold", event.args.oldProposalThreshold.toString());
        break;
      case "QuorumNumeratorUpdated":
        push("quorumPercent", event.args.oldQuorumNumerator.toString());
        break;
    }
  }
  return {
    get: (parameter) => olds.get(parameter)?.[0],
    set: (parameter) => {
      olds.get(parameter)?.shift();
    },
  };
}
