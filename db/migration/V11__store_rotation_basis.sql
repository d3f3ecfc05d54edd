-- The rotation basis (issue 16): every age on the workbook can be recomputed from stored dates, without parsing
-- the Message. age_basis names the metadata field the age was measured from (rotated_at, updated_at, created_at,
-- or last_used for UNUSED); NULL when the rule measures no age, and on rows written before this migration.
ALTER TABLE run_secret ADD COLUMN rotated_at timestamptz;
ALTER TABLE run_secret ADD COLUMN updated_at timestamptz;
ALTER TABLE run_secret ADD COLUMN age_basis  text;

ALTER TABLE finding ADD COLUMN rotated_at timestamptz;
ALTER TABLE finding ADD COLUMN updated_at timestamptz;
ALTER TABLE finding ADD COLUMN age_basis  text;
