-- PostgreSQL dialect of migrations/sqlite/0006_feedback.sql.
-- Feedback at the end of a case (issue 7, eindgesprek): what the helper and the citizen say
-- about the help they got. Read by the Belangenbehartiger's staff.
CREATE TABLE case_feedback (
    id         BIGSERIAL PRIMARY KEY,
    case_id    BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('hulpverlener', 'burger')),
    account_id BIGINT REFERENCES accounts (id),
    body       TEXT NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX case_feedback_case ON case_feedback (case_id, id);
