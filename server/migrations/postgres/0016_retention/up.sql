-- Retention and destruction (issue 17), in ZGW terms. A case that ends gets the
-- archiefnominatie 'vernietigen' and an archiefactiedatum (its end plus the term of its
-- class). Due cases go on the destruction list; the beheerder approves or keeps each one;
-- after the waiting period the case's personal data is deleted and only an anonymous record
-- (for the figures) and a line in the destruction report stay.
-- A row per case that ended (a running case has none).
CREATE TABLE case_archive (
    case_id    BIGINT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    nomination TEXT NOT NULL CHECK (nomination IN ('vernietigen')),
    action_at  BIGINT NOT NULL
);
CREATE INDEX case_archive_action ON case_archive (action_at);

-- The beheerder's terms in days, per class or 'wachttijd' (a key without a row: its default).
CREATE TABLE retention_terms (
    class TEXT PRIMARY KEY NOT NULL,
    days  BIGINT NOT NULL
);

CREATE TABLE destruction_candidates (
    case_id     BIGINT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    proposed_at BIGINT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('voorgesteld', 'goedgekeurd', 'bewaren')),
    decided_by  BIGINT REFERENCES accounts (id),
    decided_at  BIGINT,
    reason      TEXT,
    -- Approved: deleted from then on. Kept: back on the list from then on.
    due_at      BIGINT
);
CREATE INDEX destruction_candidates_state ON destruction_candidates (state, due_at);

-- What stays of a destroyed case: no name, BSN, date of birth or free text.
CREATE TABLE anonymous_cases (
    id                BIGSERIAL PRIMARY KEY,
    reference_hash    TEXT NOT NULL UNIQUE,
    organisation_kind TEXT NOT NULL,
    dienst            TEXT,
    spoed             BOOLEAN NOT NULL,
    end_class         TEXT NOT NULL,
    outcome           TEXT,
    created_at        BIGINT NOT NULL,
    submitted_at      BIGINT,
    ended_at          BIGINT NOT NULL,
    destroyed_at      BIGINT NOT NULL
);
CREATE TABLE anonymous_case_topics (
    anonymous_case_id BIGINT NOT NULL REFERENCES anonymous_cases (id) ON DELETE CASCADE,
    topic             TEXT NOT NULL,
    PRIMARY KEY (anonymous_case_id, topic)
);
CREATE TABLE anonymous_case_states (
    anonymous_case_id BIGINT NOT NULL REFERENCES anonymous_cases (id) ON DELETE CASCADE,
    seq               BIGINT NOT NULL,
    status_key        TEXT NOT NULL,
    status_detail     TEXT,
    at                BIGINT NOT NULL,
    PRIMARY KEY (anonymous_case_id, seq)
);

CREATE TABLE destruction_report (
    id                BIGSERIAL PRIMARY KEY,
    reference_hash    TEXT NOT NULL,
    end_class         TEXT NOT NULL,
    archive_action_at BIGINT NOT NULL,
    approved_by       BIGINT NOT NULL REFERENCES accounts (id),
    approved_at       BIGINT NOT NULL,
    destroyed_at      BIGINT NOT NULL
);

-- Cases that ended before this release: their date from their last step and the defaults.
INSERT INTO case_archive (case_id, nomination, action_at)
    SELECT id, 'vernietigen',
        COALESCE((SELECT MAX(at) FROM case_events WHERE case_events.case_id = cases.id), updated_at)
        + 86400 * (CASE status_key WHEN 'gesloten' THEN 365 WHEN 'doorverwezen' THEN 365 ELSE 30 END)
    FROM cases
    WHERE status_key IN ('gesloten', 'doorverwezen', 'vervallen', 'ingetrokken');
