-- Consent (issue 6): the one-time links sent to the citizen, the answers with the text
-- version that was shown, the citizen's personal access code and their sessions.

-- A link to the consent page. Only the SHA-256 of the code is kept. A newer link for the
-- same case revokes the older ones; a used link cannot be used again.
CREATE TABLE consent_invitations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    revoked_at INTEGER,
    -- Wrong dates of birth typed with this link; at the limit the link stops working.
    failures   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX consent_invitations_case ON consent_invitations (case_id);

-- The citizen's answer: one per case.
CREATE TABLE consents (
    case_id      INTEGER PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    decision     TEXT NOT NULL CHECK (decision IN ('gegeven', 'geweigerd')),
    text_version TEXT NOT NULL,
    scope        TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('eigen_apparaat', 'getekend_formulier')),
    decided_at   INTEGER NOT NULL,
    withdrawn_at INTEGER
);

-- The personal access code (argon2id hash) a citizen got when consenting.
CREATE TABLE citizen_access (
    case_id    INTEGER PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE citizen_sessions (
    token_hash   TEXT PRIMARY KEY NOT NULL,
    case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX citizen_sessions_case ON citizen_sessions (case_id);
