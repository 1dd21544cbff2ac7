-- An intermediair's session ends after 2 hours without use or 12 hours after it began, like
-- a staff session (issue 18); sessions from before count from their start.
ALTER TABLE intermediary_sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE intermediary_sessions SET last_seen_at = created_at;
