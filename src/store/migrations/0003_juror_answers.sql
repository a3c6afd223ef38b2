-- Jurors' signed answers to spot checks: which of two contributions was worth more, and how many times.
CREATE TABLE juror_answers (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  epoch_id integer NOT NULL REFERENCES epochs (id),
  juror eth_address NOT NULL,
  -- The pair as the juror signed it.
  a hash32 NOT NULL REFERENCES contributions (id),
  b hash32 NOT NULL REFERENCES contributions (id),
  winner hash32 NOT NULL CHECK (winner = a OR winner = b),
  multiplier_permille integer NOT NULL CHECK (multiplier_permille >= 1000),
  nonce uint256 NOT NULL,
  deadline bigint NOT NULL,
  signature text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (a <> b)
);
-- One answer per juror and pair, in whichever order the pair was signed.
CREATE UNIQUE INDEX juror_answers_one_per_pair ON juror_answers (juror, LEAST(a, b), GREATEST(a, b));
CREATE INDEX juror_answers_by_epoch ON juror_answers (epoch_id);
