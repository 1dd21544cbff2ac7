-- Feedback at milestones (issue 20): after the zienswijze, after the Dienst's reaction and at
-- the end, with a thumbs up or down (`positive`; NULL for the text-only feedback given before)
-- and, with a thumbs down, a request for contact that stays open until staff record it.
-- `body` is '' when the reader gave only the thumbs. Earlier feedback was all at the end.
ALTER TABLE case_feedback ADD COLUMN milestone TEXT NOT NULL DEFAULT 'einde'
    CHECK (milestone IN ('zienswijze', 'reactie_dienst', 'einde'));
ALTER TABLE case_feedback ADD COLUMN positive BOOLEAN;
ALTER TABLE case_feedback ADD COLUMN contact_requested BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE case_feedback ADD COLUMN contact_recorded_at BIGINT;
ALTER TABLE case_feedback ADD COLUMN contact_recorded_by BIGINT REFERENCES accounts (id);
