/**
 * The findings as data: writing a chunk's inventory rows and findings ({@code COPY}), the lifecycle against the
 * previous completed run (docs/policy.md#lifecycle-how-an-auditor-reads-it), the waivers' effect, malformed
 * records, and the queries that read all of it back, with the row records those queries return. No
 * presentation: no sheet titles, no grouping for a chart, no column order.
 *
 * <p>It imports {@code policy} (rules, statuses) and {@code source} (the metadata it stores) and must not import
 * {@code report} or {@code notify}: {@code report} depends on {@code finding}, never the reverse ({@code ArchitectureTests}
 * holds it).
 */
package ai.kubiya.secretaudit.finding;
