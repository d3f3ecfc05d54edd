/**
 * A run's findings in the formats auditors' tools read (docs/evidence.md#export): CSV, JSON and OCSF, streamed
 * from PostgreSQL to any {@code OutputStream} ({@code FindingsExport.write}), never built in memory, and the stored
 * workbook for XLSX. The columns are the Findings sheet's ({@code report.FindingsColumns}), so a column added to
 * the sheet is exported by every format.
 *
 * <p>It imports {@code finding} (the rows), {@code report} (the columns, the stored workbook, the formula rule),
 * {@code policy} (statuses, severities, rules) and {@code run} (the run's as-of, source, dry run and policy
 * version); it must not import {@code cli}, {@code job}, {@code notify} or {@code chat}, and nothing below it may
 * import it ({@code ArchitectureTests}).
 */
package ai.kubiya.secretaudit.export;
