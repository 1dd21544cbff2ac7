-- Monitoring of access (issue 17, seed 002): the beheerder's thresholds per rule (a rule
-- without a row has its default), and the alerts the rules raised: one per rule, account
-- and window (hour or day), so instances that evaluate at once raise it once.
CREATE TABLE monitor_rules (
    rule      TEXT PRIMARY KEY NOT NULL,
    threshold INTEGER NOT NULL,
    active    BOOLEAN NOT NULL
);

CREATE TABLE alerts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    rule         TEXT NOT NULL,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    threshold    INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('open', 'gezien', 'afgehandeld')),
    note         TEXT,
    handled_by   INTEGER REFERENCES accounts (id),
    handled_at   INTEGER,
    UNIQUE (rule, account_id, window_start)
);
CREATE INDEX alerts_state ON alerts (state, id);
