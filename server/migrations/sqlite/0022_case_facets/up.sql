-- What the figures count of a sent case, apart from its personal data (issue 19): its Dienst
-- and topics, written when it is sent. The figures no longer read the submission (its names
-- and story) to count them, and with the covering index below they read no case row at all.
-- Cases sent before this migration get theirs here, from their submission.
CREATE TABLE case_facets (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (case_id, kind, value)
);
-- The figures' scan of the cases sent in a period: everything it reads is in the index.
CREATE INDEX cases_figures ON cases (submitted_at, organisation_id, id, status_key, status_detail, closed_at, spoed);
INSERT OR IGNORE INTO case_facets (case_id, kind, value)
    SELECT id, 'dienst', json_extract(submission, '$.dienst') FROM cases
    WHERE submission IS NOT NULL AND json_extract(submission, '$.dienst') IS NOT NULL;
INSERT OR IGNORE INTO case_facets (case_id, kind, value)
    SELECT cases.id, 'onderwerp',
           json_extract(topic.value, '$.onderwerp') || COALESCE(':' || json_extract(topic.value, '$.soort'), '')
    FROM cases, json_each(cases.submission, '$.onderwerpen') AS topic
    WHERE cases.submission IS NOT NULL;
