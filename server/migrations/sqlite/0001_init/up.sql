-- Bondgenoot schema, SQLite dialect. migrations/postgres holds the same schema for PostgreSQL
-- with the same file names; only types and trigger syntax differ. Times are Unix seconds;
-- flags are 0/1 integers (sqlx's Any driver cannot read SQLite booleans).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('schema', 'bondgenoot');

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    is_demo    INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id INTEGER REFERENCES organisations (id),
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('hulpverlener', 'behandelaar', 'beheerder')),
    password_hash   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    -- A helper always belongs to an organisation; staff never do.
    CHECK ((role = 'hulpverlener') = (organisation_id IS NOT NULL))
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Failed sign-ins, per hashed e-mail address, for the rate limit (kept in the database so
-- every server instance sees the same count).
CREATE TABLE sign_in_failures (
    key_hash TEXT NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key_hash, at);

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    reference       TEXT NOT NULL UNIQUE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    created_by      INTEGER NOT NULL REFERENCES accounts (id),
    status_key      TEXT NOT NULL,
    status          TEXT NOT NULL,
    draft           TEXT NOT NULL,
    submission      TEXT,
    spoed           INTEGER NOT NULL DEFAULT 0 CHECK (spoed IN (0, 1)),
    termijn         TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    submitted_at    INTEGER
);
CREATE INDEX cases_organisation ON cases (organisation_id, updated_at);
CREATE INDEX cases_status ON cases (status_key, submitted_at);

-- The timeline: every transition with who, when, and the messages for helper and citizen.
CREATE TABLE case_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at              INTEGER NOT NULL,
    actor_role      TEXT NOT NULL,
    actor_account   INTEGER REFERENCES accounts (id),
    event           TEXT NOT NULL,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    message_helper  TEXT NOT NULL,
    message_citizen TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- Append-only: who read or changed which case, when, in which role. No foreign keys, so
-- rows outlive what they describe (a deleted draft keeps its audit trail).
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            INTEGER NOT NULL,
    actor_role    TEXT NOT NULL,
    actor_account INTEGER,
    action        TEXT NOT NULL,
    case_ref      TEXT
);
CREATE INDEX audit_log_case ON audit_log (case_ref, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
