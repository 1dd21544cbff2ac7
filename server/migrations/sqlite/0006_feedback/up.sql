-- Feedback at the end of a case (issue 7, eindgesprek): what the helper and the citizen say
-- about the help they got. Read by the Belangenbehartiger's staff.
CREATE TABLE case_feedback (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('hulpverlener', 'burger')),
    account_id INTEGER REFERENCES accounts (id),
    body       TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX case_feedback_case ON case_feedback (case_id, id);
