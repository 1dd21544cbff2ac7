-- Bondgenoot schema, PostgreSQL dialect: the same tables and names as migrations/sqlite.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('schema', 'bondgenoot');

CREATE TABLE organisations (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    is_demo    BIGINT NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at BIGINT NOT NULL
);

CREATE TABLE accounts (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT REFERENCES organisations (id),
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('hulpverlener', 'behandelaar', 'beheerder')),
    password_hash   TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    CHECK ((role = 'hulpverlener') = (organisation_id IS NOT NULL))
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE sign_in_failures (
    key_hash TEXT NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key_hash, at);

CREATE TABLE cases (
    id              BIGSERIAL PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    created_by      BIGINT NOT NULL REFERENCES accounts (id),
    status_key      TEXT NOT NULL,
    status          TEXT NOT NULL,
    draft           TEXT NOT NULL,
    submission      TEXT,
    spoed           BIGINT NOT NULL DEFAULT 0 CHECK (spoed IN (0, 1)),
    termijn         TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    submitted_at    BIGINT
);
CREATE INDEX cases_organisation ON cases (organisation_id, updated_at);
CREATE INDEX cases_status ON cases (status_key, submitted_at);

CREATE TABLE case_events (
    id              BIGSERIAL PRIMARY KEY,
    case_id         BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at              BIGINT NOT NULL,
    actor_role      TEXT NOT NULL,
    actor_account   BIGINT REFERENCES accounts (id),
    event           TEXT NOT NULL,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    message_helper  TEXT NOT NULL,
    message_citizen TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE audit_log (
    id            BIGSERIAL PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor_role    TEXT NOT NULL,
    actor_account BIGINT,
    action        TEXT NOT NULL,
    case_ref      TEXT
);
CREATE INDEX audit_log_case ON audit_log (case_ref, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
