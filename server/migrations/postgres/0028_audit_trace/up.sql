-- The W3C trace id of the request that wrote the row (issue 21): the same id is in that
-- request's log lines, so an audit row leads to its logs and back. NULL for rows written
-- outside a request (jobs, commands) and for rows from before this migration.
ALTER TABLE audit_log ADD COLUMN trace_id TEXT;
