-- PostgreSQL dialect of migrations/sqlite/0010_typed_storage/up.sql: flags become booleans,
-- the case status its key plus its detail (no JSON string). The audit log's triggers get one
-- name per refused operation, as on SQLite (TRUNCATE has no SQLite counterpart).
ALTER TABLE organisations DROP CONSTRAINT organisations_is_demo_check,
    ALTER COLUMN is_demo DROP DEFAULT,
    ALTER COLUMN is_demo TYPE BOOLEAN USING is_demo = 1,
    ALTER COLUMN is_demo SET DEFAULT FALSE;

ALTER TABLE cases DROP CONSTRAINT cases_spoed_check,
    ALTER COLUMN spoed DROP DEFAULT,
    ALTER COLUMN spoed TYPE BOOLEAN USING spoed = 1,
    ALTER COLUMN spoed SET DEFAULT FALSE;

ALTER TABLE cases ADD COLUMN status_detail TEXT;
UPDATE cases SET status_detail = status::json ->> 'detail';
ALTER TABLE cases DROP COLUMN status;

ALTER TABLE case_messages DROP CONSTRAINT case_messages_for_citizen_check,
    ALTER COLUMN for_citizen DROP DEFAULT,
    ALTER COLUMN for_citizen TYPE BOOLEAN USING for_citizen = 1,
    ALTER COLUMN for_citizen SET DEFAULT FALSE;

ALTER TABLE documents DROP CONSTRAINT documents_shared_with_citizen_check,
    ALTER COLUMN shared_with_citizen DROP DEFAULT,
    ALTER COLUMN shared_with_citizen TYPE BOOLEAN USING shared_with_citizen = 1,
    ALTER COLUMN shared_with_citizen SET DEFAULT FALSE;

DROP TRIGGER audit_log_no_update ON audit_log;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE INDEX outbox_due ON outbox (sent_at, claimed_until, id);
