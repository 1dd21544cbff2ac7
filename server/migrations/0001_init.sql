-- The schema grows with the case core; this first migration records when the database was made,
-- so the health check has a real table to read and migrations run from the start.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('schema', 'bondgenoot');
