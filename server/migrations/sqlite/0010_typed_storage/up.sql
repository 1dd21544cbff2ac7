-- Typed storage (issue 15). Flags become booleans (they were 0/1 integers for sqlx's Any
-- driver); the case status becomes its key (status_key, already there) plus its detail,
-- instead of a JSON string that was compared as a string. SQLite cannot change a column's
-- type: each flag is added under a new name, filled, the old one dropped, the new renamed.
ALTER TABLE organisations ADD COLUMN is_demo_new BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE organisations SET is_demo_new = (is_demo = 1);
ALTER TABLE organisations DROP COLUMN is_demo;
ALTER TABLE organisations RENAME COLUMN is_demo_new TO is_demo;

ALTER TABLE cases ADD COLUMN spoed_new BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE cases SET spoed_new = (spoed = 1);
ALTER TABLE cases DROP COLUMN spoed;
ALTER TABLE cases RENAME COLUMN spoed_new TO spoed;

-- The state's data (a route, a level, an outcome) by its key; NULL for states without.
ALTER TABLE cases ADD COLUMN status_detail TEXT;
UPDATE cases SET status_detail = json_extract(status, '$.detail');
ALTER TABLE cases DROP COLUMN status;

ALTER TABLE case_messages ADD COLUMN for_citizen_new BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE case_messages SET for_citizen_new = (for_citizen = 1);
ALTER TABLE case_messages DROP COLUMN for_citizen;
ALTER TABLE case_messages RENAME COLUMN for_citizen_new TO for_citizen;

ALTER TABLE documents ADD COLUMN shared_with_citizen_new BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE documents SET shared_with_citizen_new = (shared_with_citizen = 1);
ALTER TABLE documents DROP COLUMN shared_with_citizen;
ALTER TABLE documents RENAME COLUMN shared_with_citizen_new TO shared_with_citizen;

-- Mail claims: the oldest due mail first (see store::outbox::claim).
CREATE INDEX outbox_due ON outbox (sent_at, claimed_until, id);

-- A TEXT PRIMARY KEY may hold NULL on SQLite unless it says NOT NULL (PostgreSQL never
-- allows it): these two tables are rebuilt with the constraint, as migrations/postgres has.
CREATE TABLE help_views_new (
    slug  TEXT PRIMARY KEY NOT NULL,
    views INTEGER NOT NULL DEFAULT 0
);
INSERT INTO help_views_new (slug, views) SELECT slug, views FROM help_views WHERE slug IS NOT NULL;
DROP TABLE help_views;
ALTER TABLE help_views_new RENAME TO help_views;

CREATE TABLE attempt_counters_new (
    key_hash     TEXT PRIMARY KEY NOT NULL,
    window_start INTEGER NOT NULL,
    attempts     INTEGER NOT NULL
);
INSERT INTO attempt_counters_new (key_hash, window_start, attempts)
    SELECT key_hash, window_start, attempts FROM attempt_counters WHERE key_hash IS NOT NULL;
DROP TABLE attempt_counters;
ALTER TABLE attempt_counters_new RENAME TO attempt_counters;
