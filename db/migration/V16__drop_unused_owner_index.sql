-- finding_run_owner_idx (run_id, owner) has served no query since owners are keyed by mailbox (V9, V13): every
-- query of an owner's findings compares lower(owner), which finding_run_mailbox_key_idx serves. It still cost one
-- b-tree entry per finding written: 1,161,318 of them in a 1,000,000-secret run (docs/performance.md).
DROP INDEX IF EXISTS finding_run_owner_idx;
