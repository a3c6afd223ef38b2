-- Sign-In with Ethereum's single-use nonces and the sessions they open, in the database rather than in
-- one process's memory: every API process on the database shares them, and a restart signs no one out.

-- Nonces issued and not yet spent by a signed message. Expired ones are deleted as new ones are added.
CREATE TABLE siwe_nonces (
  nonce text PRIMARY KEY CHECK (nonce ~ '^[0-9A-Za-z]{8,64}$'),
  -- Issue order: past the cap on pending nonces, the oldest are deleted (their sign-ins then fail).
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX siwe_nonces_by_expiry ON siwe_nonces (expires_at);

-- Sessions, keyed by the SHA-256 of the session id (the cookie's value), never the id itself: whoever
-- reads the table cannot sign in with what they read. Expired ones are deleted as new ones are saved.
CREATE TABLE siwe_sessions (
  id_hash hash32 PRIMARY KEY,
  address eth_address NOT NULL,
  chain_id bigint NOT NULL CHECK (chain_id > 0),
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX siwe_sessions_by_expiry ON siwe_sessions (expires_at);
