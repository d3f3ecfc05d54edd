package ai.kubiya.secretaudit.source.json;

import ai.kubiya.secretaudit.source.RecordProblems;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SourceException;
import java.util.List;
import java.util.NoSuchElementException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The records of a JSON array, one element at a time (see {@link JsonInventoryReader}). An element that breaks a
 * parser limit becomes a malformed record with the limit as its reason, and the reading goes on after it with a
 * new parser ({@link ElementResync}).
 */
final class InventoryCursor implements SecretCursor {

    private final ReplayableInput input;
    private final String source;
    private final ElementResync resync;
    private JsonParser parser;
    private JsonRecordReader records;
    private ParserOrigin origin = ParserOrigin.START;
    private long position;
    private boolean elementAhead;
    private String brokenElement;
    private boolean finished;

    InventoryCursor(JsonParser parser, ReplayableInput input, String source) {
        this.parser = parser;
        this.input = input;
        this.source = source;
        this.records = new JsonRecordReader(parser);
        this.resync = new ElementResync(input, JsonInventoryReader.JSON, source);
    }

    @Override
    public boolean hasNext() {
        if (!elementAhead && !finished) {
            advance();
        }
        return elementAhead;
    }

    @Override
    public SecretMetadata next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + source);
        }
        elementAhead = false;
        long at = position++;
        if (brokenElement != null) {
            String limit = brokenElement;
            brokenElement = null;
            return malformed(at, limit);
        }
        try {
            return records.read(at);
        } catch (StreamConstraintsException limit) {
            boolean inString = records.brokeLimitInString();
            guarded(() -> skipRestOfElement(limit, inString));
            return malformed(at, JsonInventoryReader.describe(limit, inString));
        } catch (JacksonException e) {
            close();
            throw JsonInventoryReader.failure(source, e, origin);
        }
    }

    private void advance() {
        JsonToken token;
        try {
            token = parser.nextToken();
        } catch (StreamConstraintsException limit) {
            // an element that is itself a number too long: the parser stopped after it or among its digits
            brokenElement = JsonInventoryReader.describe(limit, false);
            elementAhead = true;
            guarded(() -> skipRestOfElement(limit, false));
            return;
        } catch (JacksonException e) {
            close();
            throw JsonInventoryReader.failure(source, e, origin);
        }
        guarded(() -> afterElement(token));
    }

    private void afterElement(JsonToken token) {
        if (token == null) {
            throw new SourceException(source + " is truncated: the JSON array is not closed");
        }
        if (token != JsonToken.END_ARRAY) {
            elementAhead = true;
            return;
        }
        if (parser.nextToken() != null) {
            throw new SourceException(source + " has content after the JSON array"
                    + origin.where(parser.currentTokenLocation()));
        }
        close();
    }

    private void skipRestOfElement(StreamConstraintsException limit, boolean inString) {
        boolean inName = String.valueOf(limit.getOriginalMessage()).startsWith("Name length");
        ElementResync.Resumed resumed = resync.skipRestOfElement(parser, origin, inString || inName);
        parser = resumed.parser();
        origin = resumed.origin();
        records = new JsonRecordReader(parser);
    }

    private static SecretMetadata malformed(long position, String limit) {
        return new SecretMetadata(position, null, null, null, null, null, null, null, null, null, null, null,
                List.of(RecordProblems.beyondParserLimit(limit)));
    }

    /** Runs {@code step}; any failure closes the cursor, and a parser's becomes a {@link SourceException}. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (JacksonException e) {
            close();
            throw JsonInventoryReader.failure(source, e, origin);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            elementAhead = false;
            JsonInventoryReader.closeQuietly(parser, input);
        }
    }
}
