package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;

/**
 * Where {@link CellWriter}'s styles sit in the workbook's styles part ({@code cellXfs}), so that rows written as
 * XML ({@link StreamedSheet}) point at the very styles POI's cells use.
 *
 * @param statuses   by {@link Status#ordinal()}
 * @param severities by {@link Severity#ordinal()}
 */
record StyleIndexes(int text, int textQuoted, int wrapped, int wrappedQuoted, int header, int headerQuoted,
                    int date, int dateTime, int integer, int[] statuses, int[] severities) {

    int status(Status status) {
        return statuses[status.ordinal()];
    }

    int severity(Severity severity) {
        return severities[severity.ordinal()];
    }
}
