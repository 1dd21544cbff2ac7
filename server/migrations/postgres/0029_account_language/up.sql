-- The language the account chose in the header (issue 22): it follows the person to another
-- browser at sign-in, and their mails are written in it. Dutch for every existing account.
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en'));
