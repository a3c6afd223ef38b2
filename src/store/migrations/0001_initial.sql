-- 0001: the epoch engine's tables. Addresses and hashes are lower-case hex; money and nonces are
-- uint256 (numeric(78,0), read back as bigint); times are timestamptz written from the store's clock.

CREATE DOMAIN uint256 AS numeric(78, 0)
  CHECK (VALUE >= 0 AND VALUE < 115792089237316195423570985008687907853269984665640564039457584007913129639936);
CREATE DOMAIN eth_address AS text CHECK (VALUE ~ '^0x[0-9a-f]{40}$');
CREATE DOMAIN hash32 AS text CHECK (VALUE ~ '^0x[0-9a-f]{64}$');

-- Small facts about this database (e.g. which guild it belongs to).
CREATE TABLE meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE epochs (
  id integer PRIMARY KEY CHECK (id >= 0),
  state text NOT NULL
    CHECK (state IN ('open', 'closed', 'assessed', 'allocated', 'proposed', 'finalized', 'vetoed')),
  opened_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- When the epoch last entered each state; a vetoed epoch enters allocated again.
  closed_at timestamptz,
  assessed_at timestamptz,
  allocated_at timestamptz,
  proposed_at timestamptz,
  finalized_at timestamptz,
  vetoed_at timestamptz,
  -- Each step's output, written with the change of state that completes the step.
  config_hash hash32,
  assessment jsonb,
  allocation jsonb,
  report jsonb,
  report_hash hash32,
  root hash32,
  tx_hashes jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(tx_hashes) = 'object')
);

CREATE TABLE contributions (
  -- keccak256 of `content`, the canonical JSON of the contribution's content.
  id hash32 PRIMARY KEY,
  epoch_id integer NOT NULL CHECK (epoch_id >= 0),
  contributor_address eth_address,
  contributor_source text,
  contributor_name text,
  kind text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  links jsonb NOT NULL CHECK (jsonb_typeof(links) = 'array'),
  metrics jsonb NOT NULL CHECK (jsonb_typeof(metrics) = 'object'),
  created_at timestamptz NOT NULL,
  source jsonb NOT NULL CHECK (source ? 'kind'),
  content text NOT NULL,
  inserted_at timestamptz NOT NULL,
  CONSTRAINT contributions_contributor CHECK (
    (contributor_address IS NOT NULL AND contributor_source IS NULL AND contributor_name IS NULL)
    OR (contributor_address IS NULL AND contributor_source IS NOT NULL AND contributor_name IS NOT NULL)
  )
);
CREATE INDEX contributions_by_epoch ON contributions (epoch_id, created_at, id);

-- EIP-712 replay protection: a (signer, nonce) pair is used once.
CREATE TABLE signer_nonces (
  address eth_address NOT NULL,
  nonce uint256 NOT NULL,
  used_at timestamptz NOT NULL,
  PRIMARY KEY (address, nonce)
);

-- Ties a source's name for a contributor (a git author's email, a grant application's id) to an address.
CREATE TABLE identity_mappings (
  source text NOT NULL,
  name text NOT NULL,
  address eth_address NOT NULL,
  -- How the mapping was established: a signed identity claim or a mapping file.
  established_by jsonb NOT NULL CHECK (established_by ? 'kind'),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (source, name)
);
CREATE INDEX identity_mappings_by_address ON identity_mappings (address);

-- The assessment queue: one job per contribution, evaluator and replica.
CREATE TABLE assessment_jobs (
  id text PRIMARY KEY,
  -- Queue order: jobs are leased in the order they were queued.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  contribution_id hash32 NOT NULL REFERENCES contributions (id),
  evaluator_id text NOT NULL,
  replica integer NOT NULL CHECK (replica >= 0),
  status text NOT NULL CHECK (status IN ('queued', 'leased', 'done', 'failed')),
  -- Who holds (or last held) the lease, and until when it holds it.
  lease_owner text,
  lease_expires_at timestamptz,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  result jsonb,
  error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT assessment_jobs_once UNIQUE (contribution_id, evaluator_id, replica),
  CONSTRAINT assessment_jobs_lease CHECK (
    status <> 'leased' OR (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL)
  )
);
CREATE INDEX assessment_jobs_queued ON assessment_jobs (seq) WHERE status = 'queued';
CREATE INDEX assessment_jobs_leased ON assessment_jobs (lease_expires_at) WHERE status = 'leased';

-- One evaluator's verdict on one contribution, per replica.
CREATE TABLE verdicts (
  contribution_id hash32 NOT NULL REFERENCES contributions (id),
  evaluator_id text NOT NULL,
  replica integer NOT NULL CHECK (replica >= 0),
  evaluator_version text NOT NULL,
  input_hash hash32 NOT NULL,
  scores jsonb NOT NULL CHECK (jsonb_typeof(scores) = 'array'),
  overall double precision NOT NULL CHECK (overall >= 0 AND overall <= 100),
  flags jsonb NOT NULL CHECK (jsonb_typeof(flags) = 'array'),
  -- The evaluator's raw output and what it ran with (model digest, prompt hash, parameters).
  raw jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (contribution_id, evaluator_id, replica)
);

-- One leaf of an epoch's payout tree: what the epoch pays and the cumulative totals the leaf carries.
CREATE TABLE payouts (
  epoch_id integer NOT NULL REFERENCES epochs (id),
  recipient eth_address NOT NULL,
  amount uint256 NOT NULL,
  reputation uint256 NOT NULL,
  cumulative_amount uint256 NOT NULL,
  cumulative_reputation uint256 NOT NULL,
  PRIMARY KEY (epoch_id, recipient)
);
