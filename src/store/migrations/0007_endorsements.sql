-- Members' signed endorsements of others' contributions, taken while the contribution's epoch is open:
-- the peer signals the guild/peers evaluator reads when the epoch is assessed.
CREATE TABLE endorsements (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contribution_id hash32 NOT NULL REFERENCES contributions (id),
  -- The contribution's epoch, written with the endorsement so an epoch's endorsements are read by index.
  epoch_id integer NOT NULL REFERENCES epochs (id),
  endorser eth_address NOT NULL,
  nonce uint256 NOT NULL,
  deadline bigint NOT NULL,
  signature text NOT NULL,
  created_at timestamptz NOT NULL
);
-- One endorsement per contribution and endorser.
CREATE UNIQUE INDEX endorsements_one_per_endorser ON endorsements (contribution_id, endorser);
CREATE INDEX endorsements_by_epoch ON endorsements (epoch_id, seq);
