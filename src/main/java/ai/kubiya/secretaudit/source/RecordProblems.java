package ai.kubiya.secretaudit.source;

/**
 * The wording of per-record problems, shared by every source so that the rules and the workbook see
 * the same message whichever source a record came from. Each message starts with the field it is about
 * (see {@link SecretMetadata#hasProblemWith(String)}).
 */
public final class RecordProblems {

    public static final String RECORD = "record";

    private RecordProblems() {
    }

    public static String notAString(String field, String foundKind) {
        return field + ": expected a string but found " + foundKind;
    }

    /** Never quotes the value: a date field can hold anything, a pasted token included. */
    public static String notATimestamp(String field) {
        return field + ": not an ISO-8601 timestamp (such as 2026-11-26T10:00:00Z or 2026-11-26)";
    }

    public static String notAnObject(String foundKind) {
        return RECORD + ": expected a JSON object but found " + foundKind;
    }

    /** Never quotes the value: a date field can hold anything, and the range says what was wrong. */
    public static String outsideSupportedRange(String field) {
        return field + ": outside the supported date range (1970-01-01 to 294276-12-31 UTC)";
    }

    public static String nameTooLong(int maxLength) {
        return "name: longer than " + maxLength + " characters";
    }

    /** @param limit what the record exceeded, e.g. "nested deeper than 500 levels" */
    public static String beyondParserLimit(String limit) {
        return RECORD + ": " + limit + "; the rest of the record was skipped unread";
    }
}
