-- Lifecycle at a million findings (issue 17, docs/performance.md#lifecycle-at-a-million-findings): the lifecycle
-- step sets lifecycle and first_seen_as_of on every finding of the run the evaluate step has just copied in. COPY
-- filled every page, so each update put the row's new version on another page and a new entry into each of
-- finding's four indexes, in random order: at 1,000,000 secrets those indexes outgrew PostgreSQL's buffers and the
-- step grew 16-fold for 10-fold the rows. Pages filled to 45 % keep room for every row's new version (a row is
-- ~250 bytes and grows by ~15 when its lifecycle is set), so the update stays on the page (HOT) and touches no
-- index. Only pages written from now on are affected; the table ends the step at about the size it had before
-- (old and new version of each row), and its indexes at half.
ALTER TABLE finding SET (fillfactor = 45);
