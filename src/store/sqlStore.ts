// The Store over a SqlClient: the one implementation both backends share, SQL and all.
import { createHash } from "node:crypto";
import type { Hex } from "viem";
import { getAddress } from "viem";
import type { VerdictSummary } from "../core/assessment/assessedVerdict.ts";
import { verdictHash, verdictSummaryOf } from "../core/assessment/assessedVerdict.ts";
import type { CriterionScore } from "../core/assessment/verdict.ts";
import type {
  Contribution,
  ContributionContent,
  ContributionHead,
  ContributionKind,
  ContributionSource,
  Contributor,
} from "../core/contribution/contribution.ts";
import { contributionId } from "../core/contribution/contribution.ts";
import { DisputeAlreadyFiled } from "../core/disputes/disputeErrors.ts";
import { duplicateSketch } from "../core/duplicates/findDuplicates.ts";
import { sketchToBytes } from "../core/duplicates/sketchBytes.ts";
import { EndorsementAlreadyGiven, EndorsementWindowClosed } from "../core/endorsements/endorsementErrors.ts";
import { canonicalJson, NotCanonicalizable } from "../core/report/canonicalJson.ts";
import type { SqlClient, SqlParam, SqlRow } from "./sqlClient.ts";
import type {
  AssessmentJob,
  DisputeRecord,
  EndorsementRecord,
  EpochChange,
  EpochRecord,
  EpochState,
  IdentityEvidence,
  IdentityRecord,
  JobFilter,
  JobStatus,
  JsonValue,
  Payout,
  Store,
  VerdictRecord,
} from "./store.ts";
import { EPOCH_STATES } from "./store.ts";
import {
  ContributionIdMismatch,
  EpochNotFound,
  EpochStateConflict,
  IdentityConflict,
  InvalidStoreValue,
  JobNotLeased,
  MissingReference,
  NonceAlreadyUsed,
  SpotCheckAlreadyAnswered,
} from "./storeErrors.ts";

/** Rows per INSERT when writing many (payouts, jobs): keeps each statement's JSON parameter modest. */
const BATCH_ROWS = 5_000;
/** Queuing at least this many jobs at once refreshes the queue's planner statistics (see enqueueJobs). */
const ANALYZE_AFTER_JOBS = 1_000;
/** Rows per INSERT of contributions, whose text makes each row a few kilobytes. */
const CONTRIBUTION_BATCH_ROWS = 100;

const JOB_COLUMNS =
  "id, contribution_id, evaluator_id, replica, status, lease_owner, lease_expires_at, attempts, result, error, created_at, updated_at";

const STATE_TIMES: Partial<Record<EpochState, string>> = {
  closed: "closed_at",
  assessed: "assessed_at",
  allocated: "allocated_at",
  proposed: "proposed_at",
  finalized: "finalized_at",
  vetoed: "vetoed_at",
};

const EPOCH_COLUMNS = `id, state, opened_at, updated_at, ${Object.values(STATE_TIMES).join(", ")},
  config_hash, assessment, allocation, report, report_hash, root, tx_hashes`;

// $1 id, $2 from, $3 to, $4 now, $5 config hash, $6 assessment, $7 allocation, $8 report,
// $9 report hash, $10 root, $11 tx hashes. A state's time is set only when the epoch moves into it.
const ADVANCE_EPOCH = `UPDATE epochs SET
  state = $3,
  updated_at = to_timestamp($4),
  ${Object.entries(STATE_TIMES)
    .map(
      ([state, column]) =>
        `${column} = CASE WHEN $3 <> $2 AND $3 = '${state}' THEN to_timestamp($4) ELSE ${column} END`,
    )
    .join(",\n  ")},
  config_hash = COALESCE($5::text, config_hash),
  assessment = COALESCE($6::jsonb, assessment),
  allocation = COALESCE($7::jsonb, allocation),
  report = COALESCE($8::jsonb, report),
  report_hash = COALESCE($9::text, report_hash),
  root = COALESCE($10::text, root),
  tx_hashes = tx_hashes || COALESCE($11::jsonb, '{}'::jsonb)
WHERE id = $1 AND state = $2
RETURNING ${EPOCH_COLUMNS}`;

/** Contributions' duplicate sketches read per query. */
const SKETCH_CHUNK_ROWS = 10_000;

const DISPUTE_COLUMNS = `seq, contribution_id, epoch_id, evaluator_id, disputant, reason, nonce::text AS nonce,
  deadline, signature, extract(epoch FROM created_at)::float8 AS created_at`;

const ENDORSEMENT_COLUMNS = `seq, contribution_id, epoch_id, endorser, nonce::text AS nonce, deadline, signature,
  extract(epoch FROM created_at)::float8 AS created_at`;

/**
 * The store over `client`. `now` is the clock, in unix seconds, for every time the store writes
 * (lease expiries included), so tests and replays can pass their own.
 */
export function sqlStore(client: SqlClient, now: () => number): Store {
  const query = <Row extends SqlRow = SqlRow>(sql: string, params: readonly SqlParam[] = []) =>
    client.query<Row>(sql, params);

  const store: Store = {
    schemaVersion: async () => {
      const [row] = await query<{ version: number }>(
        "SELECT COALESCE(MAX(version), 0)::integer AS version FROM schema_migrations",
      );
      return row?.version ?? 0;
    },

    insertContribution: async (contribution) => {
      const row = contributionRow(contribution);
      const rows = await query(
        `INSERT INTO contributions (id, epoch_id, contributor_address, contributor_source, contributor_name,
           kind, title, description, links, metrics, created_at, source, content, inserted_at, contributor,
           duplicate_sketch)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, to_timestamp($11), $12::jsonb, $13,
           to_timestamp($14), $15::jsonb, $16)
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        [
          row.id,
          row.epoch_id,
          row.contributor_address,
          row.contributor_source,
          row.contributor_name,
          row.kind,
          row.title,
          row.description,
          JSON.stringify(row.links),
          JSON.stringify(row.metrics),
          row.created_at,
          jsonText(row.source),
          row.content,
          now(),
          JSON.stringify(row.contributor),
          row.duplicate_sketch,
        ],
      );
      return rows.length === 1;
    },

    insertContributions: async (contributions) => {
      // Every id is checked before anything is written.
      const rows = contributions.map(contributionRow);
      if (rows.length === 0) return 0;
      return client.transaction(async (tx) => {
        let added = 0;
        for (let start = 0; start < rows.length; start += CONTRIBUTION_BATCH_ROWS) {
          const inserted = await tx.query(
            `INSERT INTO contributions (id, epoch_id, contributor_address, contributor_source, contributor_name,
               kind, title, description, links, metrics, created_at, source, content, inserted_at, contributor,
               duplicate_sketch)
             SELECT c.id, c.epoch_id, c.contributor_address, c.contributor_source, c.contributor_name, c.kind,
               c.title, c.description, c.links, c.metrics, to_timestamp(c.created_at), c.source, c.content,
               to_timestamp($2), c.contributor, c.duplicate_sketch
             FROM jsonb_to_recordset($1::jsonb) AS c (id text, epoch_id integer, contributor_address text,
               contributor_source text, contributor_name text, kind text, title text, description text,
               links jsonb, metrics jsonb, created_at double precision, source jsonb, content text,
               contributor jsonb, duplicate_sketch text)
             ON CONFLICT (id) DO NOTHING
             RETURNING id`,
            [jsonText(rows.slice(start, start + CONTRIBUTION_BATCH_ROWS)), now()],
          );
          added += inserted.length;
        }
        return added;
      });
    },

    getContribution: async (id) => {
      const rows = await query("SELECT id, content, source FROM contributions WHERE id = $1", [
        id.toLowerCase(),
      ]);
      return rows[0] === undefined ? undefined : toContribution(rows[0]);
    },

    getContributions: async (ids) => {
      const wanted = ids.map((id) => id.toLowerCase());
      const found = new Map<string, Contribution>();
      const distinct = [...new Set(wanted)];
      for (let start = 0; start < distinct.length; start += BATCH_ROWS) {
        const rows = await query(
          `SELECT id, content, source FROM contributions
           WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
          [JSON.stringify(distinct.slice(start, start + BATCH_ROWS))],
        );
        for (const row of rows) found.set(row.id as string, toContribution(row));
      }
      return wanted.flatMap((id) => {
        const contribution = found.get(id);
        return contribution === undefined ? [] : [contribution];
      });
    },

    getContributionHeads: async (ids) => {
      const wanted = ids.map((id) => id.toLowerCase());
      const found = new Map<string, ContributionHead>();
      const distinct = [...new Set(wanted)];
      for (let start = 0; start < distinct.length; start += BATCH_ROWS) {
        const rows = await query(
          `SELECT id, COALESCE(contributor, content::jsonb -> 'contributor') AS contributor, kind, title, source,
             extract(epoch FROM created_at)::bigint AS created_at
           FROM contributions WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
          [JSON.stringify(distinct.slice(start, start + BATCH_ROWS))],
        );
        for (const row of rows) found.set(row.id as string, toContributionHead(row));
      }
      return wanted.flatMap((id) => {
        const head = found.get(id);
        return head === undefined ? [] : [head];
      });
    },

    listContributions: async (epochId) => {
      const rows = await query(
        `SELECT id, content, source FROM contributions WHERE epoch_id = $1 ORDER BY created_at, id COLLATE "C"`,
        [epochId],
      );
      return rows.map(toContribution);
    },

    listDuplicateSketches: async (throughEpoch) => {
      // A few rows of four long strings per query: far faster than a row per contribution, and in
      // chunks, so that the database never builds one string of every sketch (its memory stays grown).
      const order = `ORDER BY epoch_id, created_at, id COLLATE "C"`;
      const out: { id: Hex; epochId: number; createdAt: number; sketch: Uint8Array | null }[] = [];
      for (let start = 0; ; start += SKETCH_CHUNK_ROWS) {
        const [row] = await query(
          `SELECT string_agg(id, ',' ${order}) AS ids, string_agg(epoch_id::text, ',' ${order}) AS epochs,
             string_agg(extract(epoch FROM created_at)::float8::text, ',' ${order}) AS times,
             string_agg(COALESCE(duplicate_sketch, '?'), ',' ${order}) AS sketches
           FROM (SELECT id, epoch_id, created_at, duplicate_sketch FROM contributions WHERE epoch_id <= $1
                 ${order} LIMIT $2 OFFSET $3) AS chunk`,
          [throughEpoch, SKETCH_CHUNK_ROWS, start],
        );
        if (typeof row?.ids !== "string") break;
        const epochs = String(row.epochs).split(",");
        const times = String(row.times).split(",");
        const sketches = String(row.sketches).split(",");
        // The chunk's sketches are views into one buffer: many small buffers cost more than their bytes.
        const bytes = new Uint8Array(sketches.reduce((n, text) => n + (text.length * 3) / 4, 0));
        let offset = 0;
        const ids = row.ids.split(",");
        for (const [i, id] of ids.entries()) {
          const text = sketches[i] ?? "?";
          let sketch: Uint8Array | null = null;
          if (text !== "?") {
            const length = Buffer.from(text, "base64").copy(bytes, offset);
            sketch = bytes.subarray(offset, offset + length);
            offset += length;
          }
          out.push({ id: id as Hex, epochId: Number(epochs[i]), createdAt: Number(times[i]), sketch });
        }
        if (ids.length < SKETCH_CHUNK_ROWS) break;
      }
      return out;
    },

    listContributionIds: async (epochId) => {
      const rows = await query(
        `SELECT id FROM contributions WHERE epoch_id = $1 ORDER BY created_at, id COLLATE "C"`,
        [epochId],
      );
      return rows.map((row) => row.id as Hex);
    },

    useNonce: async (address, nonce) => {
      const rows = await query(
        `INSERT INTO signer_nonces (address, nonce, used_at) VALUES ($1, $2, to_timestamp($3))
         ON CONFLICT DO NOTHING RETURNING address`,
        [address.toLowerCase(), nonce.toString(), now()],
      );
      if (rows.length === 0) throw new NonceAlreadyUsed(address, nonce);
    },

    addSiweNonce: async (nonce, expiresAt, { now: at, maxPending }) => {
      // One statement: the insert, and the deletion of what expired or fell past the cap (the new nonce
      // is not in the deletion's snapshot, so it stays).
      await query(
        `WITH added AS (
           INSERT INTO siwe_nonces (nonce, expires_at) VALUES ($1, to_timestamp($2)) RETURNING seq
         )
         DELETE FROM siwe_nonces
         WHERE expires_at <= to_timestamp($3) OR seq <= (SELECT seq FROM added) - $4::bigint`,
        [nonce, expiresAt, at, maxPending ?? null],
      );
    },

    takeSiweNonce: async (nonce, at) => {
      // Of concurrent deletions of one row, exactly one returns it.
      const rows = await query<{ live: boolean }>(
        "DELETE FROM siwe_nonces WHERE nonce = $1 RETURNING expires_at > to_timestamp($2) AS live",
        [nonce, at],
      );
      return rows[0]?.live === true;
    },

    saveSiweSession: async (id, session, at) => {
      await query(
        `WITH saved AS (
           INSERT INTO siwe_sessions (id_hash, address, chain_id, issued_at, expires_at)
           VALUES ($1, $2, $3, to_timestamp($4), to_timestamp($5)) RETURNING id_hash
         )
         DELETE FROM siwe_sessions WHERE expires_at <= to_timestamp($6)`,
        [
          sessionIdHash(id),
          session.address.toLowerCase(),
          session.chainId,
          session.issuedAt,
          session.expiresAt,
          at,
        ],
      );
    },

    getSiweSession: async (id, at) => {
      const [row] = await query(
        `SELECT address, chain_id, extract(epoch FROM issued_at)::bigint AS issued_at,
           extract(epoch FROM expires_at)::bigint AS expires_at
         FROM siwe_sessions WHERE id_hash = $1 AND expires_at > to_timestamp($2)`,
        [sessionIdHash(id), at],
      );
      return row === undefined
        ? undefined
        : {
            address: getAddress(row.address as string),
            chainId: Number(row.chain_id),
            issuedAt: Number(row.issued_at),
            expiresAt: Number(row.expires_at),
          };
    },

    deleteSiweSession: async (id) => {
      const rows = await query("DELETE FROM siwe_sessions WHERE id_hash = $1 RETURNING id_hash", [
        sessionIdHash(id),
      ]);
      return rows.length === 1;
    },

    recordIdentity: async (mapping) => {
      const address = mapping.address.toLowerCase();
      const rows = await query(
        `INSERT INTO identity_mappings (source, name, address, established_by, created_at)
         VALUES ($1, $2, $3, $4::jsonb, to_timestamp($5))
         ON CONFLICT (source, name) DO NOTHING RETURNING address`,
        [mapping.source, mapping.name, address, jsonText(mapping.establishedBy), now()],
      );
      if (rows.length === 1) return true;
      const existing = await store.getIdentity(mapping.source, mapping.name);
      if (existing !== undefined && existing.address.toLowerCase() !== address) {
        throw new IdentityConflict(mapping.source, mapping.name, mapping.address, existing.address);
      }
      return false;
    },

    getIdentity: async (source, name) => {
      const rows = await query(
        "SELECT source, name, address, established_by, created_at FROM identity_mappings WHERE source = $1 AND name = $2",
        [source, name],
      );
      return rows[0] === undefined ? undefined : toIdentity(rows[0]);
    },

    listIdentities: async () => {
      const rows = await query(
        `SELECT source, name, address, established_by, created_at FROM identity_mappings
         ORDER BY source COLLATE "C", name COLLATE "C"`,
      );
      return rows.map(toIdentity);
    },

    enqueueJobs: async (jobs) => {
      let added = 0;
      for (let start = 0; start < jobs.length; start += BATCH_ROWS) {
        const batch = jobs.slice(start, start + BATCH_ROWS).map((job) => ({
          contribution_id: job.contributionId.toLowerCase(),
          evaluator_id: job.evaluatorId,
          replica: job.replica,
        }));
        const rows = await query(
          `INSERT INTO assessment_jobs (id, contribution_id, evaluator_id, replica, status, created_at, updated_at)
           SELECT j.contribution_id || ':' || j.evaluator_id || ':' || j.replica, j.contribution_id,
             j.evaluator_id, j.replica, 'queued', to_timestamp($2), to_timestamp($2)
           FROM jsonb_to_recordset($1::jsonb) AS j (contribution_id text, evaluator_id text, replica integer)
           ON CONFLICT DO NOTHING
           RETURNING id`,
          [JSON.stringify(batch), now()],
        );
        added += rows.length;
      }
      // Fresh planner statistics for the queue: PGlite runs no autovacuum, and without them the lease
      // query misjudges how many jobs are queued and sorts the whole queue on every lease (quadratic in
      // its length) instead of walking the queue's index and stopping after `limit`.
      if (added >= ANALYZE_AFTER_JOBS) await query("ANALYZE assessment_jobs");
      return added;
    },

    leaseJobs: async ({ owner, limit, leaseSeconds, evaluatorIds }) => {
      if (!Number.isSafeInteger(limit) || limit < 0) {
        throw new InvalidStoreValue(`lease limit ${limit} is not a non-negative integer`, { limit });
      }
      if (!(leaseSeconds > 0 && Number.isFinite(leaseSeconds))) {
        throw new InvalidStoreValue(`lease of ${leaseSeconds} seconds is not a positive duration`, {
          leaseSeconds,
        });
      }
      const at = now();
      // SKIP LOCKED: a job another leaser is taking right now is passed over, not waited for, so
      // concurrent leasers get disjoint jobs.
      const rows = await query(
        `WITH leased AS (
           UPDATE assessment_jobs SET status = 'leased', lease_owner = $1, lease_expires_at = to_timestamp($2),
             attempts = attempts + 1, updated_at = to_timestamp($3)
           WHERE id IN (
             SELECT id FROM assessment_jobs
             WHERE status = 'queued' AND ($5::jsonb IS NULL OR $5::jsonb ? evaluator_id)
             ORDER BY seq LIMIT $4
             FOR UPDATE SKIP LOCKED
           )
           RETURNING seq, ${JOB_COLUMNS}
         )
         SELECT ${JOB_COLUMNS} FROM leased ORDER BY seq`,
        [
          owner,
          at + leaseSeconds,
          at,
          limit,
          evaluatorIds === undefined ? null : JSON.stringify(evaluatorIds),
        ],
      );
      return rows.map(toJob);
    },

    completeJob: async (jobId, owner, result) => {
      const rows = await query(
        `UPDATE assessment_jobs SET status = 'done', result = $3::jsonb, error = NULL, lease_expires_at = NULL,
           updated_at = to_timestamp($4)
         WHERE id = $1 AND status = 'leased' AND lease_owner = $2
         RETURNING id`,
        [jobId, owner, JSON.stringify(result), now()],
      );
      if (rows.length === 0) await notLeased(jobId, owner);
    },

    completeJobs: async (owner, completions) => {
      const twice = firstRepeated(completions.map((c) => c.jobId));
      if (twice !== undefined) {
        throw new InvalidStoreValue(`job ${twice} is completed twice in one call`, { jobId: twice });
      }
      if (completions.length === 0) return;
      await client.transaction(async (tx) => {
        for (let start = 0; start < completions.length; start += BATCH_ROWS) {
          const batch = completions.slice(start, start + BATCH_ROWS);
          // The result goes as JSON text, so that a JSON null stays a jsonb null rather than SQL NULL.
          const rows = await tx.query(
            `UPDATE assessment_jobs AS a SET status = 'done', result = j.result::jsonb, error = NULL,
               lease_expires_at = NULL, updated_at = to_timestamp($3)
             FROM jsonb_to_recordset($1::jsonb) AS j (id text, result text)
             WHERE a.id = j.id AND a.status = 'leased' AND a.lease_owner = $2
             RETURNING a.id`,
            [
              JSON.stringify(batch.map((c) => ({ id: c.jobId, result: JSON.stringify(c.result) }))),
              owner,
              now(),
            ],
          );
          if (rows.length < batch.length) {
            const done = new Set(rows.map((row) => row.id as string));
            const missed = batch.find((c) => !done.has(c.jobId));
            // Throwing rolls the whole call back.
            if (missed !== undefined) await notLeased(missed.jobId, owner, tx.query.bind(tx));
          }
        }
      });
    },

    failJob: async (jobId, owner, error, options = {}) => {
      const rows = await query(
        `UPDATE assessment_jobs SET status = CASE WHEN $4::boolean THEN 'queued' ELSE 'failed' END,
           error = $3, lease_expires_at = NULL, updated_at = to_timestamp($5)
         WHERE id = $1 AND status = 'leased' AND lease_owner = $2
         RETURNING id`,
        [jobId, owner, error, options.retry === true, now()],
      );
      if (rows.length === 0) await notLeased(jobId, owner);
    },

    requeueExpiredLeases: async () => {
      const rows = await query(
        `UPDATE assessment_jobs SET status = 'queued', lease_expires_at = NULL, updated_at = to_timestamp($1)
         WHERE status = 'leased' AND lease_expires_at <= to_timestamp($1)
         RETURNING id`,
        [now()],
      );
      return rows.length;
    },

    listJobs: async (filter: JobFilter = {}) => {
      const rows = await query(
        `SELECT ${JOB_COLUMNS.split(", ")
          .map((column) => `j.${column}`)
          .join(", ")}
         FROM assessment_jobs j JOIN contributions c ON c.id = j.contribution_id
         WHERE ($1::integer IS NULL OR c.epoch_id = $1)
           AND ($2::text IS NULL OR j.contribution_id = $2)
           AND ($3::text IS NULL OR j.status = $3)
         ORDER BY j.seq`,
        [filter.epochId ?? null, filter.contributionId?.toLowerCase() ?? null, filter.status ?? null],
      );
      return rows.map(toJob);
    },

    countJobs: async (filter: JobFilter = {}) => {
      const [row] = await query<{ n: number }>(
        `SELECT COUNT(*)::integer AS n
         FROM assessment_jobs j JOIN contributions c ON c.id = j.contribution_id
         WHERE ($1::integer IS NULL OR c.epoch_id = $1)
           AND ($2::text IS NULL OR j.contribution_id = $2)
           AND ($3::text IS NULL OR j.status = $3)`,
        [filter.epochId ?? null, filter.contributionId?.toLowerCase() ?? null, filter.status ?? null],
      );
      return row?.n ?? 0;
    },

    saveVerdict: async (verdict) => {
      await query(
        `INSERT INTO verdicts (contribution_id, evaluator_id, replica, evaluator_version, input_hash, scores,
           overall, flags, raw, created_at, verdict_hash, score_summary)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9::jsonb, to_timestamp($10), $11, $12::jsonb)
         ON CONFLICT (contribution_id, evaluator_id, replica) DO UPDATE SET
           evaluator_version = EXCLUDED.evaluator_version, input_hash = EXCLUDED.input_hash,
           scores = EXCLUDED.scores, overall = EXCLUDED.overall, flags = EXCLUDED.flags, raw = EXCLUDED.raw,
           created_at = EXCLUDED.created_at, verdict_hash = EXCLUDED.verdict_hash,
           score_summary = EXCLUDED.score_summary`,
        [
          verdict.contributionId.toLowerCase(),
          verdict.evaluator.id,
          verdict.replica,
          verdict.evaluator.version,
          verdict.inputHash.toLowerCase(),
          JSON.stringify(verdict.scores),
          verdict.overall,
          JSON.stringify(verdict.flags),
          JSON.stringify(verdict.raw),
          now(),
          summaryColumns(verdict).verdict_hash,
          JSON.stringify(summaryColumns(verdict).score_summary),
        ],
      );
    },

    saveVerdicts: async (verdicts) => {
      const twice = firstRepeated(
        verdicts.map((v) => `${v.contributionId.toLowerCase()}:${v.evaluator.id}:${v.replica}`),
      );
      if (twice !== undefined) {
        throw new InvalidStoreValue(`verdict ${twice} is saved twice in one call`, { verdict: twice });
      }
      if (verdicts.length === 0) return;
      await client.transaction(async (tx) => {
        for (let start = 0; start < verdicts.length; start += BATCH_ROWS) {
          const batch = verdicts.slice(start, start + BATCH_ROWS).map((verdict) => ({
            contribution_id: verdict.contributionId.toLowerCase(),
            evaluator_id: verdict.evaluator.id,
            replica: verdict.replica,
            evaluator_version: verdict.evaluator.version,
            input_hash: verdict.inputHash.toLowerCase(),
            scores: verdict.scores,
            overall: verdict.overall,
            flags: verdict.flags,
            // As JSON text, so that a JSON null stays a jsonb null rather than SQL NULL.
            raw: JSON.stringify(verdict.raw),
            ...summaryColumns(verdict),
          }));
          await tx.query(
            `INSERT INTO verdicts (contribution_id, evaluator_id, replica, evaluator_version, input_hash, scores,
               overall, flags, raw, created_at, verdict_hash, score_summary)
             SELECT v.contribution_id, v.evaluator_id, v.replica, v.evaluator_version, v.input_hash, v.scores,
               v.overall, v.flags, v.raw::jsonb, to_timestamp($2), v.verdict_hash, v.score_summary
             FROM jsonb_to_recordset($1::jsonb) AS v (contribution_id text, evaluator_id text, replica integer,
               evaluator_version text, input_hash text, scores jsonb, overall double precision, flags jsonb,
               raw text, verdict_hash text, score_summary jsonb)
             ON CONFLICT (contribution_id, evaluator_id, replica) DO UPDATE SET
               evaluator_version = EXCLUDED.evaluator_version, input_hash = EXCLUDED.input_hash,
               scores = EXCLUDED.scores, overall = EXCLUDED.overall, flags = EXCLUDED.flags, raw = EXCLUDED.raw,
               created_at = EXCLUDED.created_at, verdict_hash = EXCLUDED.verdict_hash,
               score_summary = EXCLUDED.score_summary`,
            [JSON.stringify(batch), now()],
          );
        }
      });
    },

    listVerdicts: async (filter) => {
      const columns = `v.contribution_id, v.evaluator_id, v.replica, v.evaluator_version, v.input_hash,
        v.scores, v.overall, v.flags, v.raw`;
      const order = `ORDER BY v.contribution_id COLLATE "C", v.evaluator_id COLLATE "C", v.replica`;
      const byEpoch = "epochId" in filter;
      const rows = await query(
        `SELECT ${columns} FROM verdicts v JOIN contributions c ON c.id = v.contribution_id
         WHERE ${byEpoch ? "c.epoch_id = $1" : "v.contribution_id = $1"} ${order}`,
        [byEpoch ? filter.epochId : filter.contributionId.toLowerCase()],
      );
      return rows.map(toVerdict);
    },

    listVerdictSummaries: async (contributionIds) => {
      const summaries: (VerdictSummary & { replica: number })[] = [];
      const ids = [...new Set(contributionIds.map((id) => id.toLowerCase()))].sort();
      for (let start = 0; start < ids.length; start += BATCH_ROWS) {
        const rows = await query(
          `SELECT v.contribution_id, v.evaluator_id, v.replica, v.evaluator_version, v.input_hash, v.overall,
             v.flags, v.verdict_hash, v.score_summary,
             CASE WHEN v.verdict_hash IS NULL OR v.score_summary IS NULL THEN v.scores END AS scores
           FROM verdicts v WHERE v.contribution_id IN (SELECT jsonb_array_elements_text($1::jsonb))
           ORDER BY v.contribution_id COLLATE "C", v.evaluator_id COLLATE "C", v.replica`,
          [JSON.stringify(ids.slice(start, start + BATCH_ROWS))],
        );
        for (const row of rows) summaries.push(toVerdictSummary(row));
      }
      return summaries;
    },

    saveJurorAnswer: async (answer) => {
      const rows = await query(
        `INSERT INTO juror_answers (epoch_id, juror, a, b, winner, multiplier_permille, nonce, deadline, signature,
           created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10))
         ON CONFLICT (juror, LEAST(a, b), GREATEST(a, b)) DO NOTHING RETURNING juror`,
        [
          answer.epochId,
          answer.juror.toLowerCase(),
          answer.a.toLowerCase(),
          answer.b.toLowerCase(),
          answer.winner.toLowerCase(),
          answer.multiplierPermille,
          answer.nonce.toString(),
          answer.deadline,
          answer.signature,
          now(),
        ],
      );
      if (rows.length === 0) {
        throw new SpotCheckAlreadyAnswered(
          `${answer.juror} already answered the pair ${answer.a}, ${answer.b}`,
          {
            juror: answer.juror,
            a: answer.a,
            b: answer.b,
          },
        );
      }
    },

    listJurorAnswers: async (filter = {}) => {
      const rows = await query(
        `SELECT epoch_id, juror, a, b, winner, multiplier_permille, nonce::text AS nonce, deadline, signature
         FROM juror_answers
         WHERE ($1::integer IS NULL OR epoch_id = $1) AND ($2::text IS NULL OR juror = $2)
         ORDER BY seq`,
        [filter.epochId ?? null, filter.juror?.toLowerCase() ?? null],
      );
      return rows.map((row) => ({
        epochId: row.epoch_id as number,
        juror: getAddress(row.juror as string),
        a: row.a as Hex,
        b: row.b as Hex,
        winner: row.winner as Hex,
        multiplierPermille: row.multiplier_permille as number,
        nonce: BigInt(row.nonce as string),
        deadline: Number(row.deadline),
        signature: row.signature as Hex,
      }));
    },

    saveDispute: async (dispute) => {
      const values = [
        dispute.contributionId.toLowerCase(),
        dispute.evaluator,
        dispute.disputant.toLowerCase(),
        dispute.reason,
        dispute.nonce.toString(),
        dispute.deadline,
        dispute.signature,
        now(),
      ];
      // The epoch is the contribution's, read in the same statement.
      const rows = await query(
        `INSERT INTO disputes (contribution_id, epoch_id, evaluator_id, disputant, reason, nonce, deadline,
           signature, created_at)
         SELECT c.id, c.epoch_id, $2, $3, $4, $5, $6, $7, to_timestamp($8) FROM contributions c WHERE c.id = $1
         ON CONFLICT (contribution_id, evaluator_id, disputant) DO NOTHING
         RETURNING ${DISPUTE_COLUMNS}`,
        values,
      );
      if (rows[0] !== undefined) return toDispute(rows[0]);
      const [known] = await query("SELECT 1 FROM contributions WHERE id = $1", [values[0] ?? null]);
      if (known === undefined) {
        throw new MissingReference(`there is no contribution ${dispute.contributionId} to dispute`, {
          contributionId: dispute.contributionId,
        });
      }
      throw new DisputeAlreadyFiled(
        `${dispute.disputant} already disputed the verdict of ${dispute.evaluator} on ${dispute.contributionId}`,
        {
          disputant: dispute.disputant,
          contributionId: dispute.contributionId,
          evaluator: dispute.evaluator,
        },
      );
    },

    listDisputes: async (filter) => {
      const byContribution = "contributionId" in filter;
      const rows = await query(
        `SELECT ${DISPUTE_COLUMNS} FROM disputes
         WHERE ${byContribution ? "contribution_id = $1" : "epoch_id = $1::integer"} AND seq > $2
         ORDER BY seq LIMIT $3`,
        [
          byContribution ? filter.contributionId.toLowerCase() : filter.epochId,
          filter.afterId ?? 0,
          filter.limit ?? null,
        ],
      );
      return rows.map(toDispute);
    },

    countDisputes: async (epochId) => {
      const [row] = await query<{ disputes: number; contributions: number }>(
        `SELECT COUNT(*)::integer AS disputes, COUNT(DISTINCT contribution_id)::integer AS contributions
         FROM disputes WHERE epoch_id = $1`,
        [epochId],
      );
      return { disputes: row?.disputes ?? 0, contributions: row?.contributions ?? 0 };
    },

    saveEndorsement: async (endorsement) => {
      const values = [
        endorsement.contributionId.toLowerCase(),
        endorsement.endorser.toLowerCase(),
        endorsement.nonce.toString(),
        endorsement.deadline,
        endorsement.signature,
        now(),
      ];
      // The epoch is the contribution's, read in the same statement under a share lock: closing it
      // (an UPDATE of that row) waits for this insert, or this insert sees it closed.
      const rows = await query(
        `INSERT INTO endorsements (contribution_id, epoch_id, endorser, nonce, deadline, signature, created_at)
         SELECT c.id, c.epoch_id, $2, $3, $4, $5, to_timestamp($6)
         FROM contributions c JOIN epochs e ON e.id = c.epoch_id
         WHERE c.id = $1 AND e.state = 'open'
         FOR SHARE OF e
         ON CONFLICT (contribution_id, endorser) DO NOTHING
         RETURNING ${ENDORSEMENT_COLUMNS}`,
        values,
      );
      if (rows[0] !== undefined) return toEndorsement(rows[0]);
      const [known] = await query<{ state: string | null }>(
        "SELECT e.state FROM contributions c LEFT JOIN epochs e ON e.id = c.epoch_id WHERE c.id = $1",
        [values[0] ?? null],
      );
      if (known === undefined || known.state === null) {
        throw new MissingReference(
          `there is no contribution ${endorsement.contributionId} in an epoch to endorse`,
          {
            contributionId: endorsement.contributionId,
          },
        );
      }
      if (known.state !== "open") {
        throw new EndorsementWindowClosed(
          `the epoch of ${endorsement.contributionId} is ${known.state}: its endorsements were fixed when it closed`,
          { contributionId: endorsement.contributionId, state: known.state },
        );
      }
      throw new EndorsementAlreadyGiven(
        `${endorsement.endorser} already endorsed ${endorsement.contributionId}`,
        { endorser: endorsement.endorser, contributionId: endorsement.contributionId },
      );
    },

    listEndorsements: async (filter) => {
      const byContribution = "contributionId" in filter;
      const rows = await query(
        `SELECT ${ENDORSEMENT_COLUMNS} FROM endorsements
         WHERE ${byContribution ? "contribution_id = $1" : "epoch_id = $1::integer"} ORDER BY seq`,
        [byContribution ? filter.contributionId.toLowerCase() : filter.epochId],
      );
      return rows.map(toEndorsement);
    },

    openEpoch: async (epochId) => {
      const at = now();
      await query(
        `INSERT INTO epochs (id, state, opened_at, updated_at) VALUES ($1, 'open', to_timestamp($2), to_timestamp($2))
         ON CONFLICT (id) DO NOTHING`,
        [epochId, at],
      );
      const epoch = await store.getEpoch(epochId);
      if (epoch === undefined) throw new EpochNotFound(epochId);
      return epoch;
    },

    getEpoch: async (epochId) => {
      const rows = await query(`SELECT ${EPOCH_COLUMNS} FROM epochs WHERE id = $1`, [epochId]);
      return rows[0] === undefined ? undefined : toEpoch(rows[0]);
    },

    latestEpoch: async () => {
      const rows = await query(`SELECT ${EPOCH_COLUMNS} FROM epochs ORDER BY id DESC LIMIT 1`);
      return rows[0] === undefined ? undefined : toEpoch(rows[0]);
    },

    advanceEpoch: async ({ epochId, from, to, outputs = {} }: EpochChange) => {
      const json = (value: JsonValue | undefined) => (value === undefined ? null : JSON.stringify(value));
      const rows = await query(ADVANCE_EPOCH, [
        epochId,
        from,
        to,
        now(),
        outputs.configHash?.toLowerCase() ?? null,
        json(outputs.assessment),
        json(outputs.allocation),
        json(outputs.report),
        outputs.reportHash?.toLowerCase() ?? null,
        outputs.root?.toLowerCase() ?? null,
        json(outputs.txHashes),
      ]);
      if (rows[0] !== undefined) return toEpoch(rows[0]);
      const current = await store.getEpoch(epochId);
      if (current === undefined) throw new EpochNotFound(epochId);
      throw new EpochStateConflict(epochId, from, current.state, to);
    },

    savePayouts: async (epochId, payouts) => {
      await client.transaction(async (tx) => {
        await tx.query("DELETE FROM payouts WHERE epoch_id = $1", [epochId]);
        for (let start = 0; start < payouts.length; start += BATCH_ROWS) {
          const batch = payouts.slice(start, start + BATCH_ROWS).map((payout) => ({
            recipient: payout.recipient.toLowerCase(),
            amount: payout.amount.toString(),
            reputation: payout.reputation.toString(),
            cumulative_amount: payout.cumulativeAmount.toString(),
            cumulative_reputation: payout.cumulativeReputation.toString(),
          }));
          await tx.query(
            `INSERT INTO payouts (epoch_id, recipient, amount, reputation, cumulative_amount, cumulative_reputation)
             SELECT $1, p.recipient, p.amount, p.reputation, p.cumulative_amount, p.cumulative_reputation
             FROM jsonb_to_recordset($2::jsonb) AS p (recipient text, amount numeric, reputation numeric,
               cumulative_amount numeric, cumulative_reputation numeric)`,
            [epochId, JSON.stringify(batch)],
          );
        }
      });
    },

    listPayouts: async (epochId) => {
      const rows = await query<{
        recipient: string;
        amount: string;
        reputation: string;
        cumulative_amount: string;
        cumulative_reputation: string;
      }>(
        `SELECT recipient, amount::text AS amount, reputation::text AS reputation,
           cumulative_amount::text AS cumulative_amount, cumulative_reputation::text AS cumulative_reputation
         FROM payouts WHERE epoch_id = $1 ORDER BY recipient COLLATE "C"`,
        [epochId],
      );
      return rows.map(
        (row): Payout => ({
          recipient: getAddress(row.recipient),
          amount: BigInt(row.amount),
          reputation: BigInt(row.reputation),
          cumulativeAmount: BigInt(row.cumulative_amount),
          cumulativeReputation: BigInt(row.cumulative_reputation),
        }),
      );
    },

    getMeta: async (key) => {
      const rows = await query<{ value: JsonValue }>("SELECT value FROM meta WHERE key = $1", [key]);
      return rows[0]?.value;
    },

    setMeta: async (key, value) => {
      await query(
        `INSERT INTO meta (key, value, updated_at) VALUES ($1, $2::jsonb, to_timestamp($3))
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
        [key, JSON.stringify(value), now()],
      );
    },

    transaction: (fn) => client.transaction((tx) => fn(sqlStore(tx, now))),

    close: () => client.close(),
  };

  /** Explains why a job update matched no row. */
  const notLeased = async (
    jobId: string,
    owner: string,
    on: SqlClient["query"] = client.query.bind(client),
  ): Promise<never> => {
    const [row] = await on<{ status: string; lease_owner: string | null }>(
      "SELECT status, lease_owner FROM assessment_jobs WHERE id = $1",
      [jobId],
    );
    throw new JobNotLeased(jobId, owner, row?.status, row?.lease_owner ?? undefined);
  };

  return store;
}

/**
 * A contribution as the columns of its row, after checking that its id is the hash of its content.
 * @throws ContributionIdMismatch
 */
function contributionRow(contribution: Contribution) {
  const content: ContributionContent = {
    epochId: contribution.epochId,
    contributor: contribution.contributor,
    kind: contribution.kind,
    title: contribution.title,
    description: contribution.description,
    links: contribution.links,
    metrics: contribution.metrics,
    createdAt: contribution.createdAt,
  };
  const expected = contributionId(content);
  if (contribution.id.toLowerCase() !== expected) throw new ContributionIdMismatch(contribution.id, expected);
  const { contributor } = content;
  return {
    id: expected,
    epoch_id: content.epochId,
    contributor_address: contributor.kind === "address" ? contributor.address.toLowerCase() : null,
    contributor_source: contributor.kind === "unmapped" ? contributor.source : null,
    contributor_name: contributor.kind === "unmapped" ? contributor.name : null,
    kind: content.kind,
    title: content.title,
    description: content.description,
    links: content.links,
    metrics: content.metrics,
    created_at: content.createdAt,
    source: contribution.source,
    content: canonicalJson(content),
    contributor,
    // Base64, written with the contribution so that epochs need not read texts back to find copies.
    duplicate_sketch: Buffer.from(
      sketchToBytes(duplicateSketch(content.title, content.description)),
    ).toString("base64"),
  };
}

/** The first value that appears a second time in `values`, if any. */
function firstRepeated(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
}

/** What a session is stored under: the SHA-256 of its id, so that the id itself is never stored. */
function sessionIdHash(id: string): Hex {
  return `0x${createHash("sha256").update(id, "utf8").digest("hex")}`;
}

/** JSON text for a jsonb parameter, with bigints (nonces) as decimal strings. */
function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}

function seconds(value: unknown): number {
  if (!(value instanceof Date)) throw new TypeError(`expected a timestamp, got ${typeof value}`);
  return value.getTime() / 1000;
}

function toContributionHead(row: SqlRow): ContributionHead {
  const source = row.source as
    | ContributionSource
    | (Extract<ContributionSource, { kind: "signed" }> & { nonce: string });
  return {
    id: row.id as Hex,
    // From the stored content, not the address column (lowercased for lookups), so it reads as submitted.
    contributor: row.contributor as Contributor,
    kind: row.kind as ContributionKind,
    title: row.title as string,
    source: source.kind === "signed" ? { ...source, nonce: BigInt(source.nonce) } : source,
    createdAt: Number(row.created_at),
  };
}

function toContribution(row: SqlRow): Contribution {
  const content = JSON.parse(row.content as string) as ContributionContent;
  const source = row.source as
    | ContributionSource
    | (Extract<ContributionSource, { kind: "signed" }> & { nonce: string });
  return {
    ...content,
    id: row.id as Hex,
    source: source.kind === "signed" ? { ...source, nonce: BigInt(source.nonce) } : source,
  };
}

function toIdentity(row: SqlRow): IdentityRecord {
  const evidence = row.established_by as IdentityEvidence | { kind: "claim"; signature: Hex; nonce: string };
  return {
    source: row.source as string,
    name: row.name as string,
    address: getAddress(row.address as string),
    establishedBy: evidence.kind === "claim" ? { ...evidence, nonce: BigInt(evidence.nonce) } : evidence,
    createdAt: seconds(row.created_at),
  };
}

function toJob(row: SqlRow): AssessmentJob {
  const job: AssessmentJob = {
    id: row.id as string,
    contributionId: row.contribution_id as Hex,
    evaluatorId: row.evaluator_id as string,
    replica: row.replica as number,
    status: row.status as JobStatus,
    attempts: row.attempts as number,
    createdAt: seconds(row.created_at),
    updatedAt: seconds(row.updated_at),
  };
  if (row.lease_owner !== null) job.leaseOwner = row.lease_owner as string;
  if (row.lease_expires_at !== null) job.leaseExpiresAt = seconds(row.lease_expires_at);
  if (row.result !== null) job.result = row.result as JsonValue;
  if (row.error !== null) job.error = row.error as string;
  return job;
}

/**
 * The verdict's hash and its scores without reasons, stored beside it for listVerdictSummaries. A
 * verdict canonical JSON cannot represent (an overall score with a fraction) has no hash: its readers
 * then meet the error where they need the hash.
 */
function summaryColumns(verdict: VerdictRecord): {
  verdict_hash: Hex | null;
  score_summary: { criterion: string; score: number }[];
} {
  const { replica: _replica, raw: _raw, ...whole } = verdict;
  let hash: Hex | null = null;
  try {
    hash = verdictHash({
      ...whole,
      contributionId: whole.contributionId.toLowerCase() as Hex,
      inputHash: whole.inputHash.toLowerCase() as Hex,
    });
  } catch (error) {
    if (!(error instanceof NotCanonicalizable)) throw error;
  }
  return {
    verdict_hash: hash,
    score_summary: verdict.scores.map(({ criterion, score }) => ({ criterion, score })),
  };
}

function toVerdictSummary(row: SqlRow): VerdictSummary & { replica: number } {
  const base = {
    contributionId: row.contribution_id as Hex,
    evaluator: { id: row.evaluator_id as string, version: row.evaluator_version as string },
    inputHash: row.input_hash as Hex,
    overall: row.overall as number,
    flags: row.flags as string[],
  };
  if (row.verdict_hash === null || row.score_summary === null) {
    // Saved before verdicts carried their hash: derived from the whole verdict.
    return {
      ...verdictSummaryOf({ ...base, scores: row.scores as CriterionScore[] }),
      replica: row.replica as number,
    };
  }
  return {
    ...base,
    verdictHash: row.verdict_hash as Hex,
    scores: row.score_summary as { criterion: string; score: number }[],
    replica: row.replica as number,
  };
}

function toVerdict(row: SqlRow): VerdictRecord {
  return {
    contributionId: row.contribution_id as Hex,
    evaluator: { id: row.evaluator_id as string, version: row.evaluator_version as string },
    replica: row.replica as number,
    inputHash: row.input_hash as Hex,
    scores: row.scores as CriterionScore[],
    overall: row.overall as number,
    flags: row.flags as string[],
    raw: row.raw as JsonValue,
  };
}

function toDispute(row: SqlRow): DisputeRecord {
  return {
    id: Number(row.seq),
    contributionId: row.contribution_id as Hex,
    epochId: row.epoch_id as number,
    evaluator: row.evaluator_id as string,
    disputant: getAddress(row.disputant as string),
    reason: row.reason as string,
    nonce: BigInt(row.nonce as string),
    deadline: Number(row.deadline),
    signature: row.signature as Hex,
    createdAt: Number(row.created_at),
  };
}

function toEndorsement(row: SqlRow): EndorsementRecord {
  return {
    id: Number(row.seq),
    contributionId: row.contribution_id as Hex,
    epochId: row.epoch_id as number,
    endorser: getAddress(row.endorser as string),
    nonce: BigInt(row.nonce as string),
    deadline: Number(row.deadline),
    signature: row.signature as Hex,
    createdAt: Number(row.created_at),
  };
}

function toEpoch(row: SqlRow): EpochRecord {
  const enteredAt: Partial<Record<EpochState, number>> = { open: seconds(row.opened_at) };
  for (const state of EPOCH_STATES) {
    const column = STATE_TIMES[state];
    if (column !== undefined && row[column] !== null) enteredAt[state] = seconds(row[column]);
  }
  const epoch: EpochRecord = {
    id: row.id as number,
    state: row.state as EpochState,
    enteredAt,
    updatedAt: seconds(row.updated_at),
    txHashes: row.tx_hashes as Record<string, Hex>,
  };
  if (row.config_hash !== null) epoch.configHash = row.config_hash as Hex;
  if (row.assessment !== null) epoch.assessment = row.assessment as JsonValue;
  if (row.allocation !== null) epoch.allocation = row.allocation as JsonValue;
  if (row.report !== null) epoch.report = row.report as JsonValue;
  if (row.report_hash !== null) epoch.reportHash = row.report_hash as Hex;
  if (row.root !== null) epoch.root = row.root as Hex;
  return epoch;
}
