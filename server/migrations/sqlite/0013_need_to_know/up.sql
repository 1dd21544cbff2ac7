-- Need-to-know for the Belangenbehartiger's staff (issue 17). A case that waits for triage is
-- the triage teams'; once taken on, its casemanager's and its assigned teams'. A team may let
-- its members open a case outside their own with a stated reason ("break the glass"); each
-- such opening is a grant for a short while, and an audit row with the reason.
ALTER TABLE teams ADD COLUMN triage BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE teams ADD COLUMN break_glass BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE case_teams (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    PRIMARY KEY (case_id, team_id)
);
CREATE INDEX case_teams_team ON case_teams (team_id);

CREATE TABLE case_access_grants (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    reason     TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX case_access_grants_case ON case_access_grants (case_id, account_id);

-- The reason a person gave for what they did (a break-the-glass read), beside the action.
ALTER TABLE audit_log ADD COLUMN reason TEXT;

-- Installations from before: every team triages (as every behandelaar saw every new case),
-- and a case someone took on belongs to that casemanager's teams.
UPDATE teams SET triage = TRUE;
INSERT INTO case_teams (case_id, team_id)
    SELECT cases.id, account_teams.team_id FROM cases
    JOIN account_teams ON account_teams.account_id = cases.casemanager_id;
