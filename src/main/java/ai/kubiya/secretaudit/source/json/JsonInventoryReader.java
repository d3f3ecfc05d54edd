package ai.kubiya.secretaudit.source.json;

import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams the records of an inventory in the shape of the Control Plane's {@code GET /api/v1/secrets}
 * response: a top-level JSON array of metadata objects. One element is in memory at a time.
 *
 * <p>Errors that concern the whole input (not an array, broken or truncated JSON, unreadable stream)
 * are {@link SourceException}s. Their messages carry the parser's line and column but never the
 * parser's own message, which quotes the offending content — possibly part of a secret value. An element
 * that breaks one of the parser's limits ({@link #LIMITS}) is not such an error: it becomes a malformed record
 * and the reading goes on after it (see {@link ElementResync}).
 */
public final class JsonInventoryReader {

    /**
     * Jackson's defaults, but for strings: a value the reader decodes (the known fields; others are skipped
     * unread, whatever their length) is at most 1,000,000 characters, 2 MB of parser buffers, where Jackson's
     * default of 100,000,000 would let one field take ~500 MB of heap before the record could be refused.
     */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(StreamReadConstraints.DEFAULT_MAX_DEPTH)
            .maxNumberLength(StreamReadConstraints.DEFAULT_MAX_NUM_LEN)
            .maxNameLength(StreamReadConstraints.DEFAULT_MAX_NAME_LEN)
            .maxStringLength(1_000_000)
            .build();

    /** The cursor closes the input itself; a parser given up after a broken limit must leave it open. */
    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private JsonInventoryReader() {
    }

    /**
     * @param sourceDescription names the input in error messages, e.g. {@code file:/tmp/secrets.json}
     * @return a cursor that owns {@code in}: closing the cursor closes the stream
     * @throws SourceException when the input is empty or its top-level value is not an array
     */
    public static SecretCursor read(InputStream in, String sourceDescription) {
        JsonParser parser = null;
        ReplayableInput input = new ReplayableInput(in);
        try {
            parser = JSON.createParser(ObjectReadContext.empty(), input);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SourceException(sourceDescription + " is empty: expected a JSON array of secrets");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new SourceException(sourceDescription + " is not a JSON array (it starts with "
                        + JsonRecordReader.kindOf(first) + ")");
            }
            return new InventoryCursor(parser, input, sourceDescription);
        } catch (JacksonException e) {
            closeQuietly(parser, in);
            throw failure(sourceDescription, e, ParserOrigin.START);
        } catch (RuntimeException e) {
            closeQuietly(parser, in);
            throw e;
        }
    }

    /**
     * The same, with the bytes read so far as its {@link SecretCursor#progress()}.
     *
     * @param totalBytes the size of {@code in}, or {@link ai.kubiya.secretaudit.source.ReadProgress#UNKNOWN_TOTAL}
     */
    public static SecretCursor readMeasured(InputStream in, String sourceDescription, long totalBytes) {
        return MeasuredCursor.read(in, sourceDescription, totalBytes);
    }

    static SourceException failure(String source, JacksonException e, ParserOrigin origin) {
        if (e instanceof JacksonIOException && e.getCause() != null) {
            return new SourceException("cannot read " + source + ": " + e.getCause().getMessage(), e.getCause());
        }
        String where = origin.where(e.getLocation());
        if (e instanceof UnexpectedEndOfInputException) {
            return new SourceException(source + " is truncated: the JSON ends unexpectedly" + where);
        }
        if (e instanceof StreamConstraintsException) {
            // These messages state sizes and limits only, never content.
            return new SourceException(source + " exceeds a JSON parser limit" + where + ": " + e.getOriginalMessage());
        }
        return new SourceException(source + " is not valid JSON" + where);
    }

    /**
     * What an element broke, in words for the Run sheet; Jackson's own message names its classes.
     *
     * @param inString the limit broke while a string value was decoded; otherwise a string length limit broke
     *                 on a number's digits, which use the same buffer (a number of over ~1,045,000 digits)
     */
    static String describe(StreamConstraintsException limit, boolean inString) {
        String message = String.valueOf(limit.getOriginalMessage());
        if (message.startsWith("Document nesting depth")) {
            return "nested deeper than " + LIMITS.getMaxNestingDepth() + " levels";
        }
        if (message.startsWith("Number value length") || message.startsWith("String value length") && !inString) {
            return "a number longer than " + LIMITS.getMaxNumberLength() + " digits";
        }
        if (message.startsWith("String value length")) {
            return "a value longer than " + LIMITS.getMaxStringLength() + " characters";
        }
        if (message.startsWith("Name length")) {
            return "a field name longer than " + LIMITS.getMaxNameLength() + " bytes";
        }
        return "beyond a JSON parser limit";
    }

    static void closeQuietly(JsonParser parser, InputStream in) {
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (JacksonException ignored) {
            // Already failing or done reading: a failed close loses nothing.
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // Same: nothing was written, nothing can be lost.
        }
    }
}
