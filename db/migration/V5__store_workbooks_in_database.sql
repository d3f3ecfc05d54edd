-- The auditor workbook's bytes, so any replica can serve `export` without the reports volume.
CREATE TABLE run_workbook (
    run_id   bigint PRIMARY KEY REFERENCES audit_run (id) ON DELETE CASCADE,
    sha256   text   NOT NULL,
    size     bigint NOT NULL,
    content  bytea  NOT NULL
);
