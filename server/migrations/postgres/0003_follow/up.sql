-- PostgreSQL dialect of migrations/sqlite/0003_follow.sql.
-- Following a case (issue 7): the casemanager, the day it closed, dates on steps, the
-- staff's internal notes and the messages between helper and casemanager.
ALTER TABLE cases ADD COLUMN casemanager_id BIGINT REFERENCES accounts (id);
ALTER TABLE cases ADD COLUMN closed_at BIGINT;
ALTER TABLE case_events ADD COLUMN datum TEXT;

-- Never shown to the helper or the citizen.
CREATE TABLE case_notes (
    id             BIGSERIAL PRIMARY KEY,
    case_id        BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at             BIGINT NOT NULL,
    author_account BIGINT NOT NULL REFERENCES accounts (id),
    body           TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, id);

-- Between the helper's organisation and the Belangenbehartiger; staff may mark one for the
-- citizen. `read_at`: when the other side first listed it.
CREATE TABLE case_messages (
    id             BIGSERIAL PRIMARY KEY,
    case_id        BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at             BIGINT NOT NULL,
    author_role    TEXT NOT NULL CHECK (author_role IN ('hulpverlener', 'behandelaar')),
    author_account BIGINT NOT NULL REFERENCES accounts (id),
    body           TEXT NOT NULL,
    for_citizen    BIGINT NOT NULL DEFAULT 0 CHECK (for_citizen IN (0, 1)),
    read_at        BIGINT
);
CREATE INDEX case_messages_case ON case_messages (case_id, id);
