-- PostgreSQL dialect of migrations/sqlite/0005_documents.sql.
-- Documents (issue 8; ZGW: zaakinformatieobject). The file lives outside the web root under
-- its random id (`id`); only metadata is here. `seq` keeps the order they arrived in. The original name is kept cleaned, as metadata only.
CREATE TABLE intermediary_invitations (
    id         BIGSERIAL PRIMARY KEY,
    case_id    BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    revoked_at BIGINT
);
CREATE INDEX intermediary_invitations_case ON intermediary_invitations (case_id);

-- The intermediair's session, opened once with the invitation's token; it ends when the
-- invitation expires or is revoked.
CREATE TABLE intermediary_sessions (
    token_hash    TEXT PRIMARY KEY NOT NULL,
    invitation_id BIGINT NOT NULL REFERENCES intermediary_invitations (id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE documents (
    seq                 BIGSERIAL PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,
    case_id             BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    uploader_role       TEXT NOT NULL,
    uploader_account    BIGINT REFERENCES accounts (id),
    invitation_id       BIGINT REFERENCES intermediary_invitations (id),
    kind                TEXT NOT NULL,
    description         TEXT NOT NULL,
    file_name           TEXT NOT NULL,
    content_type        TEXT NOT NULL,
    size                BIGINT NOT NULL,
    sha256              TEXT NOT NULL,
    shared_with_citizen BIGINT NOT NULL DEFAULT 0 CHECK (shared_with_citizen IN (0, 1)),
    created_at          BIGINT NOT NULL
);
CREATE INDEX documents_case ON documents (case_id, created_at);
