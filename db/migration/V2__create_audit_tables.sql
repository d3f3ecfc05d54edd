-- One row per audit run: what was asked, what happened, and the evidence produced.
CREATE TABLE audit_run (
    id                bigserial PRIMARY KEY,
    as_of             timestamptz NOT NULL,
    source            text        NOT NULL,
    dry_run           boolean     NOT NULL,
    status            text        NOT NULL CHECK (status IN ('STARTED', 'COMPLETED', 'FAILED')),
    started_at        timestamptz NOT NULL,
    ended_at          timestamptz,
    read_count        bigint      NOT NULL DEFAULT 0,
    evaluated_count   bigint      NOT NULL DEFAULT 0,
    malformed_count   bigint      NOT NULL DEFAULT 0,
    finding_count     bigint      NOT NULL DEFAULT 0,
    policy_version    text        NOT NULL,
    policy            text        NOT NULL,
    app_version       text        NOT NULL,
    failure           text,
    workbook_path     text,
    workbook_size     bigint,
    workbook_sha256   text
);
CREATE INDEX audit_run_as_of_idx ON audit_run (as_of, id);

-- Every secret read in a run (the Inventory sheet). No secret values: metadata only.
CREATE TABLE run_secret (
    run_id       bigint      NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    position     bigint      NOT NULL,
    name         text        NOT NULL,
    type         text,
    scope        text,
    integration  text,
    owner        text,
    created_at   timestamptz,
    last_used    timestamptz,
    expires_at   timestamptz,
    status       text        NOT NULL
);
CREATE INDEX run_secret_run_idx ON run_secret (run_id, position);

-- Every non-OK (secret, rule) of a run. (secret, rule) is the finding's key across runs.
CREATE TABLE finding (
    run_id          bigint  NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    secret          text    NOT NULL,
    rule            text    NOT NULL,
    status          text    NOT NULL,
    severity        text    NOT NULL,
    due_date        date,
    age_days        integer,
    lifecycle       text,
    message         text    NOT NULL,
    type            text,
    scope           text,
    integration     text,
    owner           text,
    policy_version  text    NOT NULL
);
CREATE INDEX finding_run_key_idx ON finding (run_id, secret, rule);
CREATE INDEX finding_run_owner_idx ON finding (run_id, owner);

-- Records that could not be evaluated at all (no usable name), listed on the Run sheet.
CREATE TABLE malformed_record (
    run_id    bigint NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    position  bigint NOT NULL,
    reason    text   NOT NULL
);
CREATE INDEX malformed_record_run_idx ON malformed_record (run_id, position);

-- Every email goes through here first: a crash or rerun never sends it twice and never loses it.
CREATE TABLE mail_outbox (
    id                  bigserial PRIMARY KEY,
    run_id              bigint      NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    kind                text        NOT NULL CHECK (kind IN ('OWNER_REMINDER', 'AUDITOR_REPORT')),
    owner               text,
    recipient           text        NOT NULL,
    fingerprint         text        NOT NULL,
    message_id          text        NOT NULL UNIQUE,
    mime                bytea       NOT NULL,
    attachment_sha256   text,
    state               text        NOT NULL CHECK (state IN ('PENDING', 'SENT', 'FAILED_TEMPORARY', 'FAILED_PERMANENT')),
    attempts            integer     NOT NULL DEFAULT 0,
    last_error          text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    sent_at             timestamptz,
    UNIQUE (run_id, kind, recipient)
);
CREATE INDEX mail_outbox_state_idx ON mail_outbox (state);
CREATE INDEX mail_outbox_recipient_idx ON mail_outbox (kind, recipient);

-- Owners whose address could not be mailed in a run (shown to auditors).
CREATE TABLE unroutable_owner (
    run_id  bigint NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    owner   text,
    reason  text   NOT NULL
);
