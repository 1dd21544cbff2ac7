-- Two-factor sign-in (issue 16, TOTP as in RFC 6238). An account's secret is set once its
-- first code checked out; the last step a code was accepted for is kept, so no code counts
-- twice. Ten recovery codes per account, stored hashed, each usable once. Between the
-- password and the code, a sign-in is a short-lived step of its own (hashed token; during
-- set-up it holds the new secret until a code proves the app has it). Accounts made by demo
-- mode (known passwords) are exempt; an organisation may require the second factor of its
-- helpers. Sessions remember the browser they were made in, for the own account page.
ALTER TABLE accounts ADD COLUMN totp_secret TEXT;
ALTER TABLE accounts ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN two_factor_exempt BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE organisations ADD COLUMN two_factor_required BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE recovery_codes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    code_hash  TEXT NOT NULL UNIQUE,
    used_at    INTEGER
);
CREATE INDEX recovery_codes_account ON recovery_codes (account_id);

CREATE TABLE sign_in_steps (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    new_secret TEXT,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sign_in_steps_account ON sign_in_steps (account_id);

ALTER TABLE sessions ADD COLUMN user_agent TEXT;
