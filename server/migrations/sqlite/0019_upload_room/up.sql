-- Room a running upload has taken on its case (issue 18): reserved in steps while the file
-- streams in, so parallel uploads cannot pass the case's limit together. Gone when the
-- upload ends; one older than the longest upload is a crashed one's and counts for nothing.
CREATE TABLE upload_room (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    bytes      INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX upload_room_case ON upload_room (case_id);
