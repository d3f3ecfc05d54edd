-- The auditor portal (issue 16, docs/portal.md): every sign-in and every download, who, what, when, and the SHA-256
-- of what was sent. Only ever appended; shown to auditors on the portal's access-log page.
CREATE TABLE portal_access (
    id        bigserial   PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    subject   text        NOT NULL,
    email     text,
    role      text        NOT NULL,
    action    text        NOT NULL CHECK (action IN ('SIGN_IN', 'DOWNLOAD')),
    target    text,
    sha256    text
);
CREATE INDEX portal_access_at_idx ON portal_access (at DESC, id DESC);

-- An owner's findings page (docs/portal.md#findings): every query of an owner is filtered by their mailbox
-- (lower(owner)) and pages by (secret, rule). Without this index, PostgreSQL read every finding of the owner's run
-- through finding_run_owner_idx (which compares owner case-sensitively, so it could not serve lower(owner) at all)
-- and sorted them; with it, a page is an index range scan of 101 rows.
CREATE INDEX finding_run_mailbox_key_idx ON finding (run_id, lower(owner), secret, rule);
