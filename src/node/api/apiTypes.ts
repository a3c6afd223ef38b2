// What the node's HTTP API returns, as JSON on the wire: shared by the route handlers and the typed client
// (type-only imports, so the dashboard can use them in a browser). Amounts are decimal strings of base
// units (they exceed 2^53); times are unix seconds.
import type { Address, Hex } from "viem";
import type { ContributionKind } from "../../core/contribution/contribution.ts";
import type { EpochState } from "../../store/store.ts";

export type { Address, ContributionKind, EpochState, Hex };

/** What a run does: `run` closes, assesses, allocates and proposes; `finalize` goes on to finalized. */
export type EpochAction = "run" | "finalize";

/** The step a run is in. */
export type EpochStep = "close" | "assess" | "allocate" | "propose" | "finalize";

/** A run as the API shows it. Times are unix seconds. */
export interface EpochRunView {
  epochId: number;
  action: EpochAction;
  /** The state the run takes the epoch to. */
  target: EpochState;
  status: "running" | "done" | "failed" | "stopped";
  /** The step under way; null when the run is over. */
  step: EpochStep | null;
  /** The epoch's state as the run last saw it. */
  state: EpochState;
  /** Assessment jobs finished and in all, once assessing has started. */
  assessed: { finished: number; total: number } | null;
  /** Who started it: the signed-in operator. */
  startedBy: Address;
  startedAt: number;
  finishedAt: number | null;
  /** Why it failed: a Guild error by name and message; anything else only as Internal. */
  error: { code: string; message: string } | null;
}

/** An error as the API returns it, with every status from 400 up. */
export interface ApiErrorBody {
  /** A stable name for the failure (`InvalidEpochId`, `RateLimited`, `Internal`, …). */
  code: string;
  message: string;
  /** The values that explain it (bigints as decimal strings). */
  details?: Record<string, unknown>;
}

/** One page of a list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** GuildConfig's parameters and the governor's settings as the chain holds them now. */
export interface GovernedParameters {
  configHash: Hex;
  epochLengthSeconds: number;
  /** Base units of the payment token. */
  budgetPerEpoch: string;
  capBps: number;
  /** Base units. */
  floorAmount: string;
  challengeWindowSeconds: number;
  claimExpirySeconds: number;
  replicationFactor: number;
  assessmentConfigHash: Hex;
  assessmentConfigUri: string;
  approvedModels: Hex[];
  node: Address;
  guardian: Address;
  halfLifeSeconds: number;
  votingDelaySeconds: number;
  votingPeriodSeconds: number;
  /** Reputation base units needed to propose. */
  proposalThreshold: string;
  quorumPercent: number;
}

/** GET /v1/guild: the guild at a glance. */
export interface GuildOverview {
  chainId: number;
  /** The embedded chain, or a JSON-RPC endpoint (whose URL is not shown: it may hold a key). */
  chain: "embedded" | "rpc";
  contracts: { timelock: Address; reputation: Address; governor: Address; config: Address; token: Address };
  deployedAt: string;
  deploymentBlock: string;
  /** The latest block's time. */
  chainTime: number;
  /** The timelock's token balance, base units. */
  treasury: string;
  /** What finalized epochs hold for claims not made yet, base units. */
  escrow: string;
  /** All reputation, decayed to now, base units. */
  reputationSupply: string;
  parameters: GovernedParameters;
  /** The latest finalized epoch on chain, whose root claims are made against; null before the first. */
  activeEpoch: { id: number; referenceTime: number; claimsExpireAt: number } | null;
  /** The latest epoch in the node's store; null before the first. */
  currentEpoch: {
    id: number;
    state: EpochState;
    enteredAt: Partial<Record<EpochState, number>>;
    /** When an open epoch's governed length ends (opened at + epoch length); null when not open. */
    lengthEndsAt: number | null;
  } | null;
}

/** One epoch as the store holds it. */
export interface EpochView {
  id: number;
  state: EpochState;
  /** When the epoch last entered each state it has been in. */
  enteredAt: Partial<Record<EpochState, number>>;
  updatedAt: number;
  configHash: Hex | null;
  root: Hex | null;
  reportHash: Hex | null;
  /** Transactions sent for the epoch, by what they did (`propose`, `finalize`). */
  txHashes: Record<string, Hex>;
  /** The latest operator run of the epoch since the node started (POST /v1/epochs/{id}/run), or null. */
  run: EpochRunView | null;
}

/** GET /v1/operator: who may run epochs from the API, and the node's latest run. */
export interface OperatorView {
  /** The guild's operator (who deployed it) and the account this node signs epochs with. */
  accounts: Address[];
  /** The chain: embedded (the dev picker and POST /v1/chain work) or a JSON-RPC endpoint. */
  chain: "embedded" | "rpc";
  /** The latest run of any epoch since the node started, or null. */
  run: EpochRunView | null;
}

/** POST /v1/epochs/{id}/finalize's body. */
export interface FinalizeEpochRequest {
  /** Embedded chain only, a development aid: move the chain's clock past the challenge window first. */
  passChallengeWindow?: boolean;
}

/** A JSON-RPC 2.0 request to the embedded chain (POST /v1/chain). */
export interface JsonRpcRequest {
  jsonrpc: "2.0";
  id: string | number | null;
  method: string;
  params?: unknown[];
}

/** A JSON-RPC 2.0 answer: a result or an error object. */
export interface JsonRpcResponse {
  jsonrpc: "2.0";
  id: string | number | null;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** Fairness figures of a list of amounts; shares in parts per million. */
export interface FairnessFiguresView {
  giniPpm: number;
  nakamotoCoefficient: number;
  top10SharePpm: number;
  lorenzCurve: { holdersPpm: number; amountPpm: number }[];
}

/**
 * The report summary the store keeps (the report without its contributions and verdicts lists, whose
 * counts and hashes it names). Known fields are typed; the report format (`version`) may add more.
 */
export interface EpochReportSummary {
  version: string;
  epoch: number;
  chainId: number;
  settlement: Address;
  referenceTime: string;
  inputs: { configHash: Hex; rubricHash: Hex; contributionsHash: Hex; verdictsHash: Hex };
  counts: { contributions: number; verdicts: number };
  config: Record<string, unknown>;
  allocation: {
    budget: string;
    totalPaid: string;
    recipients: Record<string, unknown>[];
    [key: string]: unknown;
  };
  reputation: { recipient: Address; amount: string }[];
  unmapped: { source: string; name: string; contributions: number; valueUnits: string }[];
  settlementTree: { root: Hex; leaves: number; cumulativeAmount: string };
  fairness: { payouts: FairnessFiguresView; votingPower: FairnessFiguresView };
  [key: string]: unknown;
}

/** GET /v1/epochs/{id}/report: the summary and the hash of the whole report file. */
export interface EpochReportView {
  epochId: number;
  reportHash: Hex;
  summary: EpochReportSummary;
}

/** One recipient's leaf in an epoch's payout tree (base units). */
export interface PayoutView {
  recipient: Address;
  amount: string;
  reputation: string;
  cumulativeAmount: string;
  cumulativeReputation: string;
}

/** GET /v1/epochs/{id}/payouts: a page of payouts, by recipient address. */
export interface PayoutPage extends Page<PayoutView> {
  epochId: number;
  /** Recipients in all. */
  total: number;
}

/** Who did the work: an address, or a source's name not tied to an address yet. */
export type ContributorView =
  | { kind: "address"; address: Address }
  | { kind: "unmapped"; source: string; name: string };

/** Where a contribution came from (a signed submission's nonce as a decimal string). */
export type ContributionSourceView =
  | { kind: "signed"; signature: Hex; nonce: string }
  | { kind: "git"; repository: string; commit: string }
  | { kind: "round"; file: string; applicationId: string };

/** A contribution in a list: no description, links or metrics. */
export interface ContributionSummary {
  id: Hex;
  epochId: number;
  contributor: ContributorView;
  kind: ContributionKind;
  title: string;
  source: ContributionSourceView;
  createdAt: number;
}

/** One evaluator's verdict on a contribution, with every criterion's score and reason. */
export interface VerdictView {
  evaluator: { id: string; version: string };
  replica: number;
  /** keccak256 of everything the evaluator read. */
  inputHash: Hex;
  /** The hash the epoch report names this verdict by. */
  verdictHash: Hex;
  overall: number;
  scores: { criterion: string; score: number; reason: string }[];
  flags: string[];
  /** What the evaluator ran with and its raw output (model digest, prompt hash, parameters). */
  raw: unknown;
}

/** GET /v1/contributions/{id}: the whole contribution and its verdicts. */
export interface ContributionDetail extends ContributionSummary {
  description: string;
  links: string[];
  metrics: Record<string, number>;
  verdicts: VerdictView[];
}

/** POST /v1/contributions: where the signed submission was stored. */
export interface SubmittedContribution {
  id: Hex;
  epochId: number;
}

/** POST /v1/identity-claims: the mapping recorded (or found already recorded). */
export interface IdentityClaimResult {
  /** The source of work (`git`, `round`) and the name in it (an email, an application id), normalized. */
  source: string;
  name: string;
  address: Address;
  /** False when the same mapping was recorded before. */
  created: boolean;
}

/** GET /v1/spot-checks: the pairs a juror is asked next, pairs with disputed work first, then most informative. */
export interface SpotCheckList {
  epochId: number;
  items: { a: Hex; b: Hex; score: number; disputed: boolean; titles: { a: string; b: string } }[];
}

/** POST /v1/juror-answers: the answer recorded. */
export interface JurorAnswerResult {
  epochId: number;
  juror: Address;
  a: Hex;
  b: Hex;
  winner: Hex;
  multiplierPermille: number;
}

/** A contributor's dispute of one evaluator's verdict on their contribution, with the signature proving it. */
export interface DisputeView {
  /** The node's number for it, increasing in the order disputes were filed. */
  id: number;
  contributionId: Hex;
  epochId: number;
  /** The disputed verdict's evaluator id. */
  evaluator: string;
  disputant: Address;
  reason: string;
  /** When the node recorded it. */
  createdAt: number;
  nonce: string;
  deadline: number;
  /** The disputant's EIP-712 signature of the Dispute type. */
  signature: Hex;
}

/** GET /v1/contributions/{id}/disputes: every dispute of the contribution's verdicts, in the order filed. */
export interface ContributionDisputes {
  contributionId: Hex;
  items: DisputeView[];
}

/** A member's endorsement of a contribution, with the signature proving it. */
export interface EndorsementView {
  /** The node's number for it, increasing in the order endorsements were recorded. */
  id: number;
  contributionId: Hex;
  epochId: number;
  endorser: Address;
  /** When the node recorded it. */
  createdAt: number;
  nonce: string;
  deadline: number;
  /** The endorser's EIP-712 signature of the Endorsement type. */
  signature: Hex;
}

/** GET /v1/contributions/{id}/endorsements: who endorsed it, and whether its epoch still takes endorsements. */
export interface ContributionEndorsements {
  contributionId: Hex;
  epochId: number;
  /** The epoch is open: members may still endorse the contribution. */
  open: boolean;
  items: EndorsementView[];
}

/** GET /v1/epochs/{id}/disputes: how many disputes the epoch has, and a page of them in the order filed. */
export interface EpochDisputePage extends Page<DisputeView> {
  epochId: number;
  /** Disputes in all. */
  total: number;
  /** Contributions with at least one dispute. */
  contributions: number;
}

/** An account's leaf in one epoch's payout tree, with its Merkle proof (base units). */
export interface ClaimLeaf {
  epochId: number;
  state: EpochState;
  root: Hex;
  cumulativeAmount: string;
  cumulativeReputation: string;
  proof: Hex[];
  /** When claims against this root can start: the challenge window's end (unix seconds). */
  claimableFrom: number;
  /** When claims against this root end; null until the epoch is finalized. */
  claimsExpireAt: number | null;
}

/** GET /v1/accounts/{address}/claim: what an account can claim now, and what it has claimed. */
export interface AccountClaim {
  account: Address;
  /** What the account has claimed on chain: tokens in base units, reputation as the chain reports it. */
  claimed: { amount: string; reputation: string };
  /** The leaf in the root claims are made against now (the latest finalized epoch on chain). */
  current: ClaimLeaf | null;
  /** The leaf in a proposed epoch newer than that root, claimable once its challenge window ends. */
  pending: ClaimLeaf | null;
  /** What a claim sent now pays in tokens: the current leaf beyond what was claimed; "0" when expired. */
  claimableAmount: string;
}

/** One call a proposal makes when it executes, decoded when its target is a guild contract. */
export interface ProposalCallView {
  target: Address;
  /** The guild contract called, or null for another address. */
  contract: "GuildConfig" | "Reputation" | "GuildGovernor" | "GuildToken" | null;
  /** Native currency sent, wei. */
  value: string;
  data: Hex;
  /** The function called, or null when the ABI does not know the selector. */
  function: string | null;
  args: string[];
  /** The governed parameter it changes: from its value before (or now, if not executed) to its new value. */
  change: { parameter: string; from: string | null; to: string } | null;
  /** The call in words: `capBps (the most one recipient may get): 20% → 30% of the epoch budget`. */
  description: string;
}

export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** A governance proposal with its state and vote tallies (reputation base units). */
export interface ProposalView {
  id: string;
  proposer: Address;
  description: string;
  state: ProposalStateName;
  /** Voting opens after this time and closes at voteEnd (unix seconds; the governor's clock is time). */
  voteStart: number;
  voteEnd: number;
  votes: { for: string; against: string; abstain: string };
  /** Votes (for + abstain) needed, as of the snapshot; null while the snapshot is in the future. */
  quorum: string | null;
  /** When a queued proposal can execute; null when not queued. */
  eta: number | null;
  createdInBlock: string;
  createdInTx: Hex;
  executedInTx: Hex | null;
  calls: ProposalCallView[];
}

/** One settled epoch's fairness figures. */
export interface EpochFairness {
  epochId: number;
  finalizedAt: number | null;
  referenceTime: string;
  recipients: number;
  totalPaid: string;
  payouts: FairnessFiguresView;
  votingPower: FairnessFiguresView;
}

/** GET /v1/fairness: fairness figures of every finalized epoch, oldest first. */
export interface FairnessSeries {
  epochs: EpochFairness[];
}

/** GET /v1/auth/nonce: a single-use nonce for a Sign-In with Ethereum message. */
export interface AuthNonce {
  nonce: string;
  /** Unix seconds after which the nonce is refused. */
  expiresAt: number;
  /** The domains (host[:port]) and URIs a message may name, with the chain id it must carry. */
  domains: string[];
  chainId: number;
}

/** A signed-in session (the cookie itself is HttpOnly and never shown). */
export interface SessionView {
  address: Address;
  chainId: number;
  issuedAt: number;
  expiresAt: number;
}

/** POST /v1/auth/logout. */
export interface SignedOut {
  signedOut: boolean;
}
