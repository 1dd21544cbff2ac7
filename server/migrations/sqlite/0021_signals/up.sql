-- Signals (issue 19): what goes wrong in the system, filed by a helper (or staff), triaged by
-- staff, checked by a second staff member before the text leaves Bondgenoot, forwarded to
-- the KSMS, answered with terugkoppeling. The story is anonymous by design; the link to cases
-- is staff-only and never leaves Bondgenoot.
CREATE TABLE signals (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    reference      TEXT NOT NULL UNIQUE,
    organisation_id INTEGER REFERENCES organisations (id),
    filed_by       INTEGER NOT NULL REFERENCES accounts (id),
    filed_at       INTEGER NOT NULL,
    dienst         TEXT NOT NULL,
    thema          TEXT NOT NULL,
    wat_gaat_mis   TEXT NOT NULL,
    verhaal        TEXT NOT NULL,
    oplossing      TEXT NOT NULL,
    status_key     TEXT NOT NULL,
    text_to_send   TEXT,
    text_writer    INTEGER REFERENCES accounts (id),
    approved_by    INTEGER REFERENCES accounts (id),
    forwarded_on   TEXT,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX signals_organisation ON signals (organisation_id);
CREATE INDEX signals_status ON signals (status_key);

-- Staff-only: which cases a signal was seen in. Goes with either side.
CREATE TABLE signal_cases (
    signal_id INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    PRIMARY KEY (signal_id, case_id)
);
CREATE INDEX signal_cases_case ON signal_cases (case_id);

-- Every step, with its text where it has one (the text offered for the check, the reason
-- it went back, the terugkoppeling, why it was not forwarded).
CREATE TABLE signal_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    signal_id     INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
    at            INTEGER NOT NULL,
    actor_account INTEGER NOT NULL REFERENCES accounts (id),
    event         TEXT NOT NULL,
    to_status     TEXT NOT NULL,
    body          TEXT
);
CREATE INDEX signal_events_signal ON signal_events (signal_id);
