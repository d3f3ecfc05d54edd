-- Irreversible actions are guarded (issue 12), and every override and removal is on the run it happened in.

-- A run launched with --accept-shrink (this launch only: a restart without it sets it back), and the shrink the
-- guard let through because of it (audit.guard.max-shrink-percent exceeded), NULL when it let none through.
ALTER TABLE audit_run ADD COLUMN accept_shrink boolean NOT NULL DEFAULT false;
ALTER TABLE audit_run ADD COLUMN shrink_accepted text;

-- What retention removed when this run finished: runs, workbooks and email files. NULL when it removed nothing.
ALTER TABLE audit_run ADD COLUMN retention text;
