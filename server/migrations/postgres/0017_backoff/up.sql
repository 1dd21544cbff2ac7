-- Guessing limits with a growing back-off (issue 18): after a limit's free guesses a key is
-- blocked until this time, longer after each further guess. `window_start` is now the time
-- of the last guess: a key's count starts again after a quiet window.
ALTER TABLE attempt_counters ADD COLUMN blocked_until BIGINT NOT NULL DEFAULT 0;
