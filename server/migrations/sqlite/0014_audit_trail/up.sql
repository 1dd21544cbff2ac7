-- The audit log as a beheerder reads it (issue 17): which session acted (a name derived
-- from its token, or the intermediair's invitation), and indexes for the viewer's filters
-- by person and by period.
ALTER TABLE audit_log ADD COLUMN session TEXT;
CREATE INDEX audit_log_account ON audit_log (actor_account, id);
CREATE INDEX audit_log_at ON audit_log (at, id);
