-- When a run was last launched: its start, or its latest restart. started_at stays the run's first start (the Run
-- sheet and the manifest show it); the portal paces downloads while a run launched within audit.run.deadline is
-- STARTED, and a restart days after the first launch is a run writing too.
ALTER TABLE audit_run ADD COLUMN launched_at timestamptz;
UPDATE audit_run SET launched_at = started_at;
