-- PostgreSQL dialect of migrations/sqlite/0004_outbox.sql.
-- Notifications (issue 7): every e-mail waits here until a server instance sends it. A row is
-- claimed with a compare-and-set on `claimed_until`, so several instances never send it twice.
-- The text holds no personal data: the reference, the new state and a link.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    case_ref      TEXT NOT NULL,
    recipient     TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    claimed_until BIGINT,
    sent_at       BIGINT,
    attempts      BIGINT NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, id);
