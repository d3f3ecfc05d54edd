-- Lifecycle across runs, waivers and REQUIRED findings (issue 4).

-- The waiver that matched a finding (applied: status WAIVED; expired: any other status), and when the
-- finding's current episode of failing began, for time-to-remediate.
ALTER TABLE finding ADD COLUMN waiver text;
ALTER TABLE finding ADD COLUMN first_seen_as_of timestamptz;

-- The earliest as-of at which each (secret, rule) was ever a finding (waived or not). Only ever lowered
-- (LEAST), so re-evaluating an earlier as-of never changes what later runs recorded.
CREATE TABLE finding_state (
    secret            text        NOT NULL,
    rule              text        NOT NULL,
    first_seen_as_of  timestamptz NOT NULL,
    PRIMARY KEY (secret, rule)
);

-- Findings that needed action in the previous completed run and no longer exist in this one.
CREATE TABLE resolved_finding (
    run_id            bigint      NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    secret            text        NOT NULL,
    rule              text        NOT NULL,
    last_status       text        NOT NULL,
    first_seen_as_of  timestamptz,
    type              text,
    scope             text,
    integration       text,
    owner             text
);
CREATE INDEX resolved_finding_run_idx ON resolved_finding (run_id);

-- Every configured waiver, as it stood in a run: how many findings it waived, how many it no longer could.
CREATE TABLE run_waiver (
    run_id        bigint  NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    label         text    NOT NULL,
    secret        text    NOT NULL,
    rule          text    NOT NULL,
    reason        text    NOT NULL,
    approved_by   text    NOT NULL,
    ticket        text    NOT NULL,
    expires       date    NOT NULL,
    state         text    NOT NULL CHECK (state IN ('APPLIED', 'EXPIRED', 'UNMATCHED')),
    waived        bigint  NOT NULL,
    expired       bigint  NOT NULL
);
CREATE INDEX run_waiver_run_idx ON run_waiver (run_id);

CREATE INDEX finding_key_idx ON finding (secret, rule, run_id);
