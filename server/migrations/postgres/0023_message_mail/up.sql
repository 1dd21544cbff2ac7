-- Mail on new messages (issue 20): each message leaves a notice per reader it is meant for;
-- a job mails each reader at most once per 15 minutes, with the case references and links
-- only (never the text). A reader is an account or a case's citizen; the citizen's address
-- is read from the case when the mail is made, so it is not copied here.
ALTER TABLE accounts ADD COLUMN message_mails BOOLEAN NOT NULL DEFAULT TRUE;
CREATE TABLE message_notices (
    id         BIGSERIAL PRIMARY KEY,
    case_id    BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    account_id BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    mailed_at  BIGINT
);
CREATE INDEX message_notices_waiting ON message_notices (mailed_at, account_id);
-- When each reader ("account/12", "burger/34") was last mailed: the digest's 15 minutes.
CREATE TABLE message_digests (
    reader       TEXT PRIMARY KEY NOT NULL,
    last_sent_at BIGINT NOT NULL
);
