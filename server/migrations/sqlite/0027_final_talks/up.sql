-- How the eindgesprek went (issue 20, R19): with whom, whether the citizen was satisfied, a
-- short note ('' when none). One per case; recorded again, it replaces the earlier one.
CREATE TABLE final_talks (
    case_id     INTEGER PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    held_with   TEXT NOT NULL CHECK (held_with IN ('burger', 'hulpverlener', 'beiden')),
    satisfied   BOOLEAN NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER NOT NULL REFERENCES accounts (id),
    recorded_at INTEGER NOT NULL
);
