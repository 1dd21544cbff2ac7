-- Beheer (issue 16): see migrations/sqlite/0011_beheer for what and why.
ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'anders'
    CHECK (kind IN ('sociaal_raadslieden', 'schuldhulpverlening', 'gemeente_wijkteam',
                    'vrijwilligersorganisatie', 'belastingdienst', 'dienst_toeslagen', 'anders'));
ALTER TABLE organisations ADD COLUMN contact TEXT;
ALTER TABLE organisations ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

ALTER TABLE accounts ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE teams (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE account_teams (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    team_id    BIGINT NOT NULL REFERENCES teams (id),
    PRIMARY KEY (account_id, team_id)
);
CREATE INDEX account_teams_team ON account_teams (team_id);

CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    purpose    TEXT NOT NULL CHECK (purpose IN ('uitnodiging', 'herstel')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    revoked_at BIGINT
);
CREATE INDEX account_links_account ON account_links (account_id);

ALTER TABLE outbox ALTER COLUMN case_ref DROP NOT NULL;

-- Who or what a beheer change was about ("account/12", "organisatie/3", "team/2"), beside
-- the case reference that case rows name.
ALTER TABLE audit_log ADD COLUMN subject TEXT;
