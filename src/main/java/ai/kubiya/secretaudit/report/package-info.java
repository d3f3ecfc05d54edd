/**
 * The workbooks: the auditor workbook (POI, streamed), the owner workbooks ({@code XlsxStream}), their sheets and
 * column titles (docs/evidence.md#sheets-and-columns), how the auditor workbook prints (docs/evidence.md#printing),
 * formula-safe cells (docs/evidence.md#formula-safe-text),
 * section titles and the grouping of the summary and its chart, the manifest and the stored workbook bytes
 * (docs/evidence.md#manifest-and-checksums). It reads what {@code finding} stores and decides how it looks.
 *
 * <p>It imports {@code finding} (rows and queries) and {@code policy} (statuses, rules) and the root's
 * {@code Sha256}; it must not import {@code notify}, {@code job}, {@code run} or {@code cli}, and nothing in
 * {@code finding} may import it.
 */
package ai.kubiya.secretaudit.report;
