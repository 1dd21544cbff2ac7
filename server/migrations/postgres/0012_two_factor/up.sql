-- Two-factor sign-in (issue 16): see migrations/sqlite/0012_two_factor for what and why.
ALTER TABLE accounts ADD COLUMN totp_secret TEXT;
ALTER TABLE accounts ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN two_factor_exempt BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE organisations ADD COLUMN two_factor_required BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE recovery_codes (
    id         BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    code_hash  TEXT NOT NULL UNIQUE,
    used_at    BIGINT
);
CREATE INDEX recovery_codes_account ON recovery_codes (account_id);

CREATE TABLE sign_in_steps (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    new_secret TEXT,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sign_in_steps_account ON sign_in_steps (account_id);

ALTER TABLE sessions ADD COLUMN user_agent TEXT;
