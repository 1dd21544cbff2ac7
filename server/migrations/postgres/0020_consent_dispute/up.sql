-- "Dit was ik niet" (issue 18): consent given on a phone or computer is confirmed by mail to
-- the citizen's own address, with a link to say someone else gave it. One link per case;
-- only the keyed hash of its code is kept.
CREATE TABLE consent_disputes (
    case_id    BIGINT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL UNIQUE,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
