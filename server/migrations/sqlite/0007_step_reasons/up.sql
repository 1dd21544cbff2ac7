-- A step that must say why keeps its reasons: a referral, the Dienst's written reasons
-- for not following the zienswijze, why a case ended without a solution.
ALTER TABLE case_events ADD COLUMN reasons TEXT;
