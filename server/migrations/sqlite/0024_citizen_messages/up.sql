-- The citizen writes too (issue 20): a message by the citizen has no account, and the citizen
-- may keep it from the helper ("alleen voor de casemanager": for_helper false). SQLite cannot
-- change a column's NOT NULL or a CHECK in place, so the table is rebuilt with its rows.
CREATE TABLE case_messages_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id        INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at             INTEGER NOT NULL,
    author_role    TEXT NOT NULL CHECK (author_role IN ('hulpverlener', 'behandelaar', 'burger')),
    author_account INTEGER REFERENCES accounts (id),
    body           TEXT NOT NULL,
    read_at        INTEGER,
    for_citizen    BOOLEAN NOT NULL DEFAULT FALSE,
    for_helper     BOOLEAN NOT NULL DEFAULT TRUE,
    -- Only the citizen writes without an account.
    CHECK ((author_role = 'burger') = (author_account IS NULL))
);
INSERT INTO case_messages_new (id, case_id, at, author_role, author_account, body, read_at, for_citizen)
    SELECT id, case_id, at, author_role, author_account, body, read_at, for_citizen FROM case_messages;
DROP TABLE case_messages;
ALTER TABLE case_messages_new RENAME TO case_messages;
CREATE INDEX case_messages_case ON case_messages (case_id, id);
