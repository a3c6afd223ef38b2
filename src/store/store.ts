// The store: everything the epoch engine keeps, behind one interface with two backends (PGlite in the
// data directory, or a PostgreSQL server). Every method takes and returns plain values.
import type { Address, Hex } from "viem";
import type { VerdictSummary } from "../core/assessment/assessedVerdict.ts";
import type { Verdict } from "../core/assessment/verdict.ts";
import type { Contribution, ContributionHead } from "../core/contribution/contribution.ts";
import type { Dispute } from "../core/disputes/validateDispute.ts";
import type { Endorsement } from "../core/endorsements/validateEndorsement.ts";
import type { JurorAnswer } from "../core/jurors/validateSpotCheck.ts";

export type { ContributionHead };

/** A value jsonb holds. Bigints must be turned into decimal strings before they are stored. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** How a source name was tied to an address. */
export type IdentityEvidence =
  /** The address signed an identity claim (EIP-712) naming the source and name. */
  | { kind: "claim"; signature: Hex; nonce: bigint }
  /** An operator's mapping file listed it. */
  | { kind: "file"; file: string };

export interface IdentityMapping {
  /** The contributor's source, as in an unmapped `Contributor` (`git`, a round's name, …). */
  source: string;
  name: string;
  address: Address;
  establishedBy: IdentityEvidence;
}

export interface IdentityRecord extends IdentityMapping {
  /** Unix seconds when the mapping was recorded. */
  createdAt: number;
}

export const JOB_STATUSES = ["queued", "leased", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One assessment to run: an evaluator on a contribution, replica `replica` of the replication factor. */
export interface JobSpec {
  contributionId: Hex;
  evaluatorId: string;
  /** 0-based; the governed replication factor decides how many replicas each contribution gets. */
  replica: number;
}

export interface AssessmentJob extends JobSpec {
  /** `<contributionId>:<evaluatorId>:<replica>`, the same on every node. */
  id: string;
  status: JobStatus;
  /** Who holds the lease, or last held it (kept once the job is done or failed). */
  leaseOwner?: string;
  /** Unix seconds when the lease runs out, while leased. */
  leaseExpiresAt?: number;
  /** How many times the job was leased. */
  attempts: number;
  result?: JsonValue;
  /** Why the last attempt failed. */
  error?: string;
  createdAt: number;
  updatedAt: number;
}

export interface LeaseRequest {
  /** The worker taking the jobs; only it may complete or fail them. */
  owner: string;
  /** Most jobs to lease at once. */
  limit: number;
  /** How long the lease lasts before `requeueExpiredLeases` hands the job to someone else. */
  leaseSeconds: number;
  /** Only jobs of these evaluators (a worker that runs only some); all when absent. */
  evaluatorIds?: readonly string[];
}

export interface JobFilter {
  epochId?: number;
  contributionId?: Hex;
  status?: JobStatus;
}

/** A verdict as stored: which replica produced it, and the evaluator's raw output to reproduce it. */
export interface VerdictRecord extends Verdict {
  replica: number;
  /** Raw output and what the evaluator ran with (model digest, prompt hash, parameters). */
  raw: JsonValue;
}

export const EPOCH_STATES = [
  "open",
  "closed",
  "assessed",
  "allocated",
  "proposed",
  "finalized",
  "vetoed",
] as const;
export type EpochState = (typeof EPOCH_STATES)[number];

/** What the steps of an epoch produce; each is written with the change of state that completes its step. */
export interface EpochOutputs {
  /** The governed config the epoch runs under. */
  configHash?: Hex;
  /** The assessed step's output: each contribution's value. */
  assessment?: JsonValue;
  allocation?: JsonValue;
  report?: JsonValue;
  reportHash?: Hex;
  root?: Hex;
  /** Transactions sent for the epoch, by what they did (`propose`, `finalize`, …); merged, never dropped. */
  txHashes?: Readonly<Record<string, Hex>>;
}

export interface EpochRecord extends EpochOutputs {
  id: number;
  state: EpochState;
  /** Unix seconds when the epoch last entered each state it has been in. */
  enteredAt: Partial<Record<EpochState, number>>;
  updatedAt: number;
  txHashes: Readonly<Record<string, Hex>>;
}

export interface EpochChange {
  epochId: number;
  /** The state the epoch must be in; otherwise nothing changes and EpochStateConflict is thrown. */
  from: EpochState;
  /** The state to move to; equal to `from` to write outputs without moving. */
  to: EpochState;
  /** Outputs to write; absent ones keep their value, `txHashes` are merged into the stored ones. */
  outputs?: EpochOutputs;
}

/** One recipient's leaf in an epoch's payout tree. Amounts are token base units, reputation in its base units. */
export interface Payout {
  recipient: Address;
  amount: bigint;
  reputation: bigint;
  cumulativeAmount: bigint;
  cumulativeReputation: bigint;
}

/** A dispute as stored: in the order filed (`id`), with its contribution's epoch and when it was filed. */
export interface DisputeRecord extends Dispute {
  /** The store's number for it, increasing in the order disputes were filed. */
  id: number;
  epochId: number;
  /** Unix seconds when it was recorded. */
  createdAt: number;
}

/** Which disputes to list: of one contribution or one epoch, a page at a time (after `afterId`). */
export type DisputeFilter = ({ contributionId: Hex } | { epochId: number }) & {
  afterId?: number;
  limit?: number;
};

/** An endorsement as stored: in the order given (`id`), with its contribution's epoch and when it was given. */
export interface EndorsementRecord extends Endorsement {
  /** The store's number for it, increasing in the order endorsements were recorded. */
  id: number;
  epochId: number;
  /** Unix seconds when it was recorded. */
  createdAt: number;
}

/** A Sign-In with Ethereum session as stored: who signed in, on which chain, and when (unix seconds). */
export interface SiweSession {
  address: Address;
  chainId: number;
  issuedAt: number;
  expiresAt: number;
}

/** The store as a transaction sees it: everything but close. */
export type StoreTransaction = Omit<Store, "close">;

export interface Store {
  /** The highest schema migration applied. */
  schemaVersion(): Promise<number>;

  /**
   * Stores a contribution unless one with its id is there (ids are content hashes, so it is the same).
   * @returns true when it was new
   * @throws ContributionIdMismatch when `id` is not `contributionId()` of the content
   */
  insertContribution(contribution: Contribution): Promise<boolean>;
  /**
   * Stores many contributions as `insertContribution` would each, all or nothing, a few statements in
   * all (an import of thousands costs a few round trips, not one each).
   * @returns how many were new
   * @throws ContributionIdMismatch when an `id` is not `contributionId()` of its content (nothing is stored)
   */
  insertContributions(contributions: readonly Contribution[]): Promise<number>;
  getContribution(id: Hex): Promise<Contribution | undefined>;
  /** The contributions with these ids, in the order of `ids`; ids not in the store are left out. */
  getContributions(ids: readonly Hex[]): Promise<Contribution[]>;
  /**
   * What a report and an allocation need of these contributions (no description, links or metrics),
   * in the order of `ids`; ids not in the store are left out. Far lighter than getContributions.
   */
  getContributionHeads(ids: readonly Hex[]): Promise<ContributionHead[]>;
  /** The epoch's contributions, oldest first (ties by id). */
  listContributions(epochId: number): Promise<Contribution[]>;
  /** The ids of the epoch's contributions, in listContributions' order. */
  listContributionIds(epochId: number): Promise<Hex[]>;
  /**
   * The duplicate sketch (src/core/duplicates/sketchBytes.ts) of every contribution of epochs up to
   * `throughEpoch`, by epoch, then oldest first (ties by id). `sketch` is null for a contribution stored
   * before sketches were (its sketch is computed from its text when needed), empty for a text too short.
   */
  listDuplicateSketches(
    throughEpoch: number,
  ): Promise<{ id: Hex; epochId: number; createdAt: number; sketch: Uint8Array | null }[]>;

  /**
   * Marks `nonce` of `address` (compared case-insensitively) used, atomically: of concurrent callers
   * with the same pair, exactly one succeeds. Inside a transaction the mark goes with the rest of it.
   * @throws NonceAlreadyUsed when it was used before
   */
  useNonce(address: Address, nonce: bigint): Promise<void>;

  /**
   * Adds a Sign-In with Ethereum nonce, pending until `expiresAt`. Deletes the nonces expired at `now`
   * and, when `maxPending` is given, the oldest issued beyond the newest `maxPending`. Times are the
   * caller's clock, in unix seconds.
   * @throws InvalidStoreValue when the nonce is not 8 to 64 letters and digits, or is pending already
   */
  addSiweNonce(
    nonce: string,
    expiresAt: number,
    options: { now: number; maxPending?: number },
  ): Promise<void>;
  /**
   * Spends a Sign-In with Ethereum nonce, atomically: of concurrent callers with the same nonce, at most
   * one gets it. The nonce is gone afterwards whatever the answer.
   * @returns whether it was pending and not expired at `now` (unix seconds)
   */
  takeSiweNonce(nonce: string, now: number): Promise<boolean>;
  /**
   * Saves a session under the SHA-256 of `id` (the id itself is never stored, so whoever reads the
   * database cannot use it), and deletes the sessions expired at `now` (unix seconds).
   * @throws InvalidStoreValue when a session with this id exists
   */
  saveSiweSession(id: string, session: SiweSession, now: number): Promise<void>;
  /** The session with this id, unless there is none or it expired at `now` (unix seconds). */
  getSiweSession(id: string, now: number): Promise<SiweSession | undefined>;
  /** Ends the session with this id. @returns whether there was one */
  deleteSiweSession(id: string): Promise<boolean>;

  /**
   * Records that `source`/`name` is `address`. Recording the same address again changes nothing.
   * @returns true when it was new
   * @throws IdentityConflict when the name is mapped to another address
   */
  recordIdentity(mapping: IdentityMapping): Promise<boolean>;
  getIdentity(source: string, name: string): Promise<IdentityRecord | undefined>;
  /** Every mapping, by source and name. */
  listIdentities(): Promise<IdentityRecord[]>;

  /**
   * Queues the jobs not queued before (a job is its contribution, evaluator and replica).
   * @returns how many were new
   * @throws MissingReference when a contribution does not exist
   */
  enqueueJobs(jobs: readonly JobSpec[]): Promise<number>;
  /**
   * Leases up to `limit` queued jobs, oldest first, to `owner` until now + `leaseSeconds`, and counts
   * the attempt. Concurrent leasers never get the same job.
   */
  leaseJobs(request: LeaseRequest): Promise<AssessmentJob[]>;
  /**
   * Marks a job leased by `owner` done with its result (also after its lease ran out, unless it was
   * queued again meanwhile).
   * @throws JobNotLeased when `owner` does not hold the job
   */
  completeJob(jobId: string, owner: string, result: JsonValue): Promise<void>;
  /**
   * Completes many jobs leased by `owner` as `completeJob` would each, all or nothing.
   * @throws JobNotLeased when `owner` does not hold one of them (none is completed); InvalidStoreValue
   *   when a job is listed twice
   */
  completeJobs(owner: string, completions: readonly { jobId: string; result: JsonValue }[]): Promise<void>;
  /**
   * Records why a job leased by `owner` failed: queued again when `retry`, failed for good otherwise.
   * @throws JobNotLeased when `owner` does not hold the job
   */
  failJob(jobId: string, owner: string, error: string, options?: { retry?: boolean }): Promise<void>;
  /** Queues again every job whose lease ran out. @returns how many */
  requeueExpiredLeases(): Promise<number>;
  /** Jobs matching every given filter, oldest first. */
  listJobs(filter?: JobFilter): Promise<AssessmentJob[]>;
  /** How many jobs match every given filter (what `listJobs(filter).length` is, without reading them). */
  countJobs(filter?: JobFilter): Promise<number>;

  /**
   * Saves a verdict, replacing an earlier one of the same contribution, evaluator and replica.
   * @throws MissingReference when the contribution does not exist
   */
  saveVerdict(verdict: VerdictRecord): Promise<void>;
  /**
   * Saves many verdicts as `saveVerdict` would each, all or nothing.
   * @throws MissingReference when a contribution does not exist; InvalidStoreValue when two verdicts are
   *   of the same contribution, evaluator and replica, or one is out of range
   */
  saveVerdicts(verdicts: readonly VerdictRecord[]): Promise<void>;
  /** Verdicts on the epoch's contributions, or on one contribution, by contribution, evaluator, replica. */
  listVerdicts(filter: { epochId: number } | { contributionId: Hex }): Promise<VerdictRecord[]>;
  /**
   * The verdicts on these contributions without their reasons' text (named by each verdict's hash), in
   * listVerdicts' order: how an epoch's accepted verdicts are derived without reading every reason back.
   */
  listVerdictSummaries(contributionIds: readonly Hex[]): Promise<(VerdictSummary & { replica: number })[]>;

  /**
   * Records a juror's answer to a spot check (spend its nonce with useNonce in the same transaction).
   * @throws SpotCheckAlreadyAnswered when the juror answered this pair before (in either order);
   *   MissingReference when the epoch or a contribution does not exist
   */
  saveJurorAnswer(answer: JurorAnswer): Promise<void>;
  /** Jurors' answers, in the order recorded; of one epoch and/or one juror when given. */
  listJurorAnswers(filter?: { epochId?: number; juror?: Address }): Promise<JurorAnswer[]>;

  /**
   * Records a contributor's dispute of a verdict, under its contribution's epoch (spend its nonce with
   * useNonce in the same transaction).
   * @returns the dispute as stored
   * @throws DisputeAlreadyFiled when the disputant disputed this contribution's verdict by this evaluator
   *   before; MissingReference when the contribution (or its epoch) does not exist
   */
  saveDispute(dispute: Dispute): Promise<DisputeRecord>;
  /** Disputes of one contribution or one epoch, in the order filed; `limit` of them after `afterId`. */
  listDisputes(filter: DisputeFilter): Promise<DisputeRecord[]>;
  /** How many disputes the epoch has, and on how many of its contributions. */
  countDisputes(epochId: number): Promise<{ disputes: number; contributions: number }>;

  /**
   * Records a member's endorsement of a contribution under its epoch, only while that epoch is open: the
   * epoch's row is read under a share lock, so an epoch closing at the same moment closes before or after
   * it, never between (spend its nonce with useNonce in the same transaction).
   * @returns the endorsement as stored
   * @throws EndorsementAlreadyGiven when the endorser endorsed this contribution before;
   *   EndorsementWindowClosed when its epoch is no longer open; MissingReference when the contribution (or
   *   its epoch) does not exist
   */
  saveEndorsement(endorsement: Endorsement): Promise<EndorsementRecord>;
  /** Endorsements of one contribution or of one epoch, in the order recorded. */
  listEndorsements(filter: { contributionId: Hex } | { epochId: number }): Promise<EndorsementRecord[]>;

  /** Creates the epoch in state `open` if it does not exist. @returns the epoch as stored */
  openEpoch(epochId: number): Promise<EpochRecord>;
  getEpoch(epochId: number): Promise<EpochRecord | undefined>;
  /** The epoch with the highest id. */
  latestEpoch(): Promise<EpochRecord | undefined>;
  /**
   * Compare-and-set: moves the epoch from `from` to `to` and writes `outputs`, only if it is in `from`.
   * Of two runners making the same move, one succeeds and the other gets EpochStateConflict.
   * @returns the epoch as stored after the change
   * @throws EpochNotFound, EpochStateConflict
   */
  advanceEpoch(change: EpochChange): Promise<EpochRecord>;

  /**
   * Replaces the epoch's payouts with `payouts` (one per recipient), all or nothing.
   * @throws MissingReference when the epoch does not exist, InvalidStoreValue for an amount outside uint256
   *   or a recipient twice
   */
  savePayouts(epochId: number, payouts: readonly Payout[]): Promise<void>;
  /** The epoch's payouts by recipient (lower-case hex order). */
  listPayouts(epochId: number): Promise<Payout[]>;

  getMeta(key: string): Promise<JsonValue | undefined>;
  setMeta(key: string, value: JsonValue): Promise<void>;

  /**
   * Runs `fn` in one transaction: its writes land together, or not at all when it throws. Use only `tx`
   * inside `fn` (on PGlite the store waits for the transaction to end). Nested calls are savepoints.
   * @throws what `fn` throws; TransactionAborted when `fn` caught a database error and returned
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Closes the connection(s); the store refuses use afterwards (StoreClosed). */
  close(): Promise<void>;
}
