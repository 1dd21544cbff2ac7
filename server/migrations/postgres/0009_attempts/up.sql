-- Guesses at a secret (a password, an access code), per hashed key, in a fixed window: each
-- guess is reserved here with one conditional upsert *before* the slow check, so parallel
-- guesses cannot all pass a "fewer than five" test. Replaces sign_in_failures.
CREATE TABLE attempt_counters (
    key_hash     TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    attempts     BIGINT NOT NULL
);
DROP TABLE sign_in_failures;
