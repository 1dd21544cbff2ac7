-- Beheer (issue 16): organisations get a kind, a contact line for the citizen and an active
-- flag (never deleted while cases refer to them); accounts an active flag (a deactivated one
-- stays for the audit trail); the Belangenbehartiger's staff get teams; one-time links for an
-- invitation or a password reset are stored hashed. An invited account has no password yet:
-- its password_hash is empty until the link is used.
ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'anders'
    CHECK (kind IN ('sociaal_raadslieden', 'schuldhulpverlening', 'gemeente_wijkteam',
                    'vrijwilligersorganisatie', 'belastingdienst', 'dienst_toeslagen', 'anders'));
ALTER TABLE organisations ADD COLUMN contact TEXT;
ALTER TABLE organisations ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

ALTER TABLE accounts ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE account_teams (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    PRIMARY KEY (account_id, team_id)
);
CREATE INDEX account_teams_team ON account_teams (team_id);

CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    purpose    TEXT NOT NULL CHECK (purpose IN ('uitnodiging', 'herstel')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    revoked_at INTEGER
);
CREATE INDEX account_links_account ON account_links (account_id);

-- Mails about an account belong to no case: case_ref may be empty (NULL). SQLite cannot drop
-- a NOT NULL, so the table is rebuilt (ids kept).
CREATE TABLE outbox_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_ref      TEXT,
    recipient     TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    claimed_until INTEGER,
    sent_at       INTEGER,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT
);
INSERT INTO outbox_new (id, case_ref, recipient, subject, body, created_at, claimed_until,
                        sent_at, attempts, last_error)
    SELECT id, case_ref, recipient, subject, body, created_at, claimed_until, sent_at,
           attempts, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (sent_at, id);
CREATE INDEX outbox_due ON outbox (sent_at, claimed_until, id);

-- Who or what a beheer change was about ("account/12", "organisatie/3", "team/2"), beside
-- the case reference that case rows name.
ALTER TABLE audit_log ADD COLUMN subject TEXT;
