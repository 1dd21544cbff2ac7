-- The citizen writes too (issue 20): a message by the citizen has no account, and the citizen
-- may keep it from the helper ("alleen voor de casemanager": for_helper false).
ALTER TABLE case_messages DROP CONSTRAINT case_messages_author_role_check,
    ADD CONSTRAINT case_messages_author_role_check
        CHECK (author_role IN ('hulpverlener', 'behandelaar', 'burger')),
    ALTER COLUMN author_account DROP NOT NULL,
    ADD COLUMN for_helper BOOLEAN NOT NULL DEFAULT TRUE,
    -- Only the citizen writes without an account.
    ADD CONSTRAINT case_messages_author_account_check
        CHECK ((author_role = 'burger') = (author_account IS NULL));
