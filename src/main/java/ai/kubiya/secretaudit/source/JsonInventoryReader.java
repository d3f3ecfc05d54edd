package ai.kubiya.secretaudit.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
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
 * parser's own message, which quotes the offending content — possibly part of a secret value.
 */
public final class JsonInventoryReader {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonInventoryReader() {
    }

    /**
     * @param sourceDescription names the input in error messages, e.g. {@code file:/tmp/secrets.json}
     * @return a cursor that owns {@code in}: closing the cursor closes the stream
     * @throws SourceException when the input is empty or its top-level value is not an array
     */
    public static SecretCursor read(InputStream in, String sourceDescription) {
        JsonParser parser = null;
        try {
            parser = JSON.createParser(ObjectReadContext.empty(), in);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SourceException(sourceDescription + " is empty: expected a JSON array of secrets");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new SourceException(sourceDescription + " is not a JSON array (it starts with "
                        + JsonRecordReader.kindOf(first) + ")");
            }
            return new ArrayCursor(parser, in, sourceDescription);
        } catch (JacksonException e) {
            closeQuietly(parser, in);
            throw failure(sourceDescription, e);
        } catch (RuntimeException e) {
            closeQuietly(parser, in);
            throw e;
        }
    }

    static SourceException failure(String source, JacksonException e) {
        if (e instanceof JacksonIOException && e.getCause() != null) {
            return new SourceException("cannot read " + source + ": " + e.getCause().getMessage(), e.getCause());
        }
        String where = where(e.getLocation());
        if (e instanceof UnexpectedEndOfInputException) {
            return new SourceException(source + " is truncated: the JSON ends unexpectedly" + where);
        }
        if (e instanceof StreamConstraintsException) {
            // These messages state sizes and limits only, never content.
            return new SourceException(source + " exceeds a JSON parser limit" + where + ": " + e.getOriginalMessage());
        }
        return new SourceException(source + " is not valid JSON" + where);
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static void closeQuietly(JsonParser parser, InputStream in) {
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

    private static final class ArrayCursor implements SecretCursor {

        private final JsonParser parser;
        private final InputStream in;
        private final String source;
        private final JsonRecordReader records;
        private long position;
        private boolean elementAhead;
        private boolean finished;

        ArrayCursor(JsonParser parser, InputStream in, String source) {
            this.parser = parser;
            this.in = in;
            this.source = source;
            this.records = new JsonRecordReader(parser);
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
            try {
                return records.read(position++);
            } catch (JacksonException e) {
                close();
                throw failure(source, e);
            }
        }

        private void advance() {
            try {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw new SourceException(source + " is truncated: the JSON array is not closed");
                }
                if (token != JsonToken.END_ARRAY) {
                    elementAhead = true;
                    return;
                }
                if (parser.nextToken() != null) {
                    throw new SourceException(source + " has content after the JSON array" + where(parser.currentTokenLocation()));
                }
                close();
            } catch (JacksonException e) {
                close();
                throw failure(source, e);
            } catch (SourceException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (!finished) {
                finished = true;
                elementAhead = false;
                closeQuietly(parser, in);
            }
        }
    }
}
