-- What an epoch of 100,000 contributions reads back without its text.
-- A contribution's contributor as submitted (contributor_address is lowercased for lookups).
ALTER TABLE contributions ADD COLUMN contributor jsonb CHECK (contributor ? 'kind');
-- Each verdict's hash (keccak256 of its canonical JSON) and its scores without reasons, written with the
-- verdict, so that an epoch of 100,000 contributions is summarized without reading every reason back.
-- Verdicts saved before this migration have neither; readers derive them from the whole verdict.
ALTER TABLE verdicts ADD COLUMN verdict_hash hash32;
ALTER TABLE verdicts ADD COLUMN score_summary jsonb CHECK (jsonb_typeof(score_summary) = 'array');
