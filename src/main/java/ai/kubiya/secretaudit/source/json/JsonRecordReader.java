package ai.kubiya.secretaudit.source.json;

import ai.kubiya.secretaudit.IsoTimestamps;
import ai.kubiya.secretaudit.source.RecordDraft;
import ai.kubiya.secretaudit.source.RecordProblems;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one element of an inventory array into a {@link SecretMetadata}. A bad field or a bad element
 * becomes a problem on the record, never an exception: only broken JSON stops the reading, and a parser limit
 * broken inside the element, which {@link InventoryCursor} turns into a malformed record.
 *
 * <p>Unknown fields are skipped token by token. The parser decodes a string lazily, so a skipped
 * {@code value} is passed over without ever becoming a {@code String}.
 */
final class JsonRecordReader {

    /**
     * The earliest date a record may carry. No secret was created, rotated, used or expired before the Unix
     * epoch; earlier values are placeholders (Go's zero time {@code 0001-01-01T00:00:00Z}, year 0, negative
     * years) and taking them at face value would make a secret look unused for 2,000 years.
     */
    static final Instant FIRST_SUPPORTED = Instant.EPOCH;

    /**
     * The latest: the last whole second PostgreSQL's {@code timestamptz} can hold (294276 AD). A later
     * fraction of that second would round past the end when PostgreSQL rounds it to microseconds.
     * "Never expires" ({@code 9999-12-31T23:59:59-05:00}, which is {@code 10000-01-01T04:59:59Z}) is far inside.
     */
    static final Instant LAST_SUPPORTED = Instant.parse("+294276-12-31T23:59:59Z");

    private final JsonParser parser;
    private boolean decodingString;

    JsonRecordReader(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * Whether the last {@link #read} broke a limit while decoding a string value: the string length limit, and the
     * parser stopped inside the string or right after it.
     */
    boolean brokeLimitInString() {
        return decodingString;
    }

    /** Reads the element whose first token is the parser's current token, and leaves the parser on its last. */
    SecretMetadata read(long position) {
        JsonToken first = parser.currentToken();
        if (first != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return new SecretMetadata(position, null, null, null, null, null, null,
                    null, null, null, null, null, List.of(RecordProblems.notAnObject(kindOf(first))));
        }
        RecordDraft draft = new RecordDraft();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            readField(field, draft);
        }
        return draft.toMetadata(position);
    }

    private void readField(String field, RecordDraft draft) {
        switch (field) {
            case "name" -> draft.name = string(field, draft);
            case "type" -> draft.type = string(field, draft);
            case "scope" -> draft.scope = string(field, draft);
            case "description" -> draft.description = string(field, draft);
            case "integration" -> draft.integration = string(field, draft);
            case "created_by" -> draft.createdBy = string(field, draft);
            case "created_at" -> draft.createdAt = timestamp(field, draft);
            case "last_used" -> draft.lastUsed = timestamp(field, draft);
            case "rotated_at" -> draft.rotatedAt = timestamp(field, draft);
            case "updated_at" -> draft.updatedAt = timestamp(field, draft);
            case "expires_at" -> draft.expiresAt = timestamp(field, draft);
            default -> parser.skipChildren();
        }
    }

    private String string(String field, RecordDraft draft) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            decodingString = true;
            String value = parser.getString();
            decodingString = false;
            return value;
        }
        if (token != JsonToken.VALUE_NULL) {
            draft.problem(RecordProblems.notAString(field, kindOf(token)));
            parser.skipChildren();
        }
        return null;
    }

    private Instant timestamp(String field, RecordDraft draft) {
        String text = string(field, draft);
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = IsoTimestamps.parse(text);
        } catch (DateTimeException unparseable) {
            draft.problem(RecordProblems.notATimestamp(field));
            return null;
        }
        if (!isSupported(instant)) {
            draft.problem(RecordProblems.outsideSupportedRange(field));
            return null;
        }
        return instant;
    }

    /** Whether a record's date can be stored and believed: from {@link #FIRST_SUPPORTED} to {@link #LAST_SUPPORTED}. */
    static boolean isSupported(Instant instant) {
        return instant.compareTo(FIRST_SUPPORTED) >= 0 && instant.compareTo(LAST_SUPPORTED) <= 0;
    }

    static String kindOf(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
