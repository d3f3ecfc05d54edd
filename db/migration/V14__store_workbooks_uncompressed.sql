-- A workbook is a zip: PostgreSQL's own compression gains nothing on it, and a compressed value must be decompressed
-- whole for every slice the portal reads (report/WorkbookStore.copy, 1 MiB at a time). EXTERNAL keeps new values
-- out of line and uncompressed, so each slice reads only its own TOAST chunks. Values stored before keep their form.
ALTER TABLE run_workbook ALTER COLUMN content SET STORAGE EXTERNAL;
