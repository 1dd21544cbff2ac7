-- Monitoring of access (issue 17, seed 002): the beheerder's thresholds per rule (a rule
-- without a row has its default), and the alerts the rules raised: one per rule, account
-- and window (hour or day), so instances that evaluate at once raise it once.
CREATE TABLE monitor_rules (
    rule      TEXT PRIMARY KEY NOT NULL,
    threshold BIGINT NOT NULL,
    active    BOOLEAN NOT NULL
);

CREATE TABLE alerts (
    id           BIGSERIAL PRIMARY KEY,
    rule         TEXT NOT NULL,
    account_id   BIGINT NOT NULL REFERENCES accounts (id),
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    threshold    BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('open', 'gezien', 'afgehandeld')),
    note         TEXT,
    handled_by   BIGINT REFERENCES accounts (id),
    handled_at   BIGINT,
    UNIQUE (rule, account_id, window_start)
);
CREATE INDEX alerts_state ON alerts (state, id);
