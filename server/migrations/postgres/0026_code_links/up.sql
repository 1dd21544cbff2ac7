-- A new personal code for the citizen (issue 20): the helper makes a one-time link like the
-- consent link; the citizen opens it on their own phone, confirms with the date of birth and
-- gets a new code (the old one stops). The same table, told apart by purpose.
ALTER TABLE consent_invitations ADD COLUMN purpose TEXT NOT NULL DEFAULT 'toestemming'
    CHECK (purpose IN ('toestemming', 'nieuwe_code'));
