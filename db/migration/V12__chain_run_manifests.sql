-- The evidence chain (issue 16): one row per run that completed with a manifest, in the order the manifests were
-- sealed. sha256 is the SHA-256 of the manifest file's exact bytes, previous_sha256 that of the manifest sealed just
-- before it (NULL for the first), so `verify` can recompute every link. No foreign key to audit_run on purpose:
-- retention deletes a run's row and files, and the next manifest still points back to this one.
CREATE TABLE run_manifest (
    run_id           bigint      PRIMARY KEY,
    position         bigint      NOT NULL UNIQUE,
    file             text        NOT NULL,
    sha256           text        NOT NULL,
    previous_sha256  text,
    signed           boolean     NOT NULL,
    sealed_at        timestamptz NOT NULL
);
