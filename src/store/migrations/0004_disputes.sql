-- Contributors' signed disputes of a verdict on their own work: which evaluator's verdict, why, and who.
CREATE TABLE disputes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contribution_id hash32 NOT NULL REFERENCES contributions (id),
  -- The contribution's epoch, written with the dispute so an epoch's disputes are read and counted by index.
  epoch_id integer NOT NULL REFERENCES epochs (id),
  -- The disputed verdict's evaluator (every replica of it: they are one evaluator's verdict).
  evaluator_id text NOT NULL CHECK (evaluator_id <> ''),
  disputant eth_address NOT NULL,
  reason text NOT NULL CHECK (reason <> ''),
  nonce uint256 NOT NULL,
  deadline bigint NOT NULL,
  signature text NOT NULL,
  created_at timestamptz NOT NULL
);
-- One dispute per verdict and disputant.
CREATE UNIQUE INDEX disputes_one_per_verdict ON disputes (contribution_id, evaluator_id, disputant);
CREATE INDEX disputes_by_epoch ON disputes (epoch_id, seq);
