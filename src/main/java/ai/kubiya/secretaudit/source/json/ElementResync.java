package ai.kubiya.secretaudit.source.json;

import ai.kubiya.secretaudit.source.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Carries the reading on past one array element that broke a parser limit (nesting depth, length of a number,
 * a string or a field name). Jackson's limits hold for the whole parser and it cannot go on after breaking one,
 * so without this one deep or huge record ended the run. Instead, the bytes the parser had buffered are taken
 * back, the rest of the element is passed over here byte by byte — counting brackets outside strings, which
 * takes no memory however deep or long the element is — and a new parser takes over right after the element.
 * The new parser is first handed {@code [0}, so that it stands where the old one would have stood after the
 * element: inside the array, before a comma or the closing bracket.
 *
 * <p>Where the old parser stopped is known from the limit, but for texts: after the bracket that went too deep,
 * after the number that was too long (or among its digits). A string value or a field name that is too long is
 * checked as Jackson's buffer for it grows and once more after its closing quote, so the parser stopped either
 * inside the text, between two characters, or right after it: a value of 1,000,001 to ~1,048,575 characters is
 * refused only once read whole, a longer one on the way. The two are told apart by the last byte the parser took,
 * which {@link ReplayableInput} remembers: a quote no backslash escapes closes the text (the opening quote is
 * never the last, Jackson checks only after hundreds of characters).
 */
final class ElementResync {

    private static final byte[] RESUME = "[0".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 8192;

    /** The parser that carries on, and where its first byte lies in the input. */
    record Resumed(JsonParser parser, ParserOrigin origin) {
    }

    private final ReplayableInput input;
    private final JsonFactory json;
    private final String source;

    ElementResync(ReplayableInput input, JsonFactory json, String source) {
        this.input = input;
        this.json = json;
        this.source = source;
    }

    /**
     * @param inText the limit broke while the parser read a string value or a field name
     * @throws SourceException when the input ends or cannot be read before the element does
     */
    Resumed skipRestOfElement(JsonParser broken, ParserOrigin origin, boolean inText) {
        TokenStreamLocation at = broken.currentLocation();
        int depth = broken.streamReadContext().getNestingDepth() - 1;
        ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        broken.releaseBuffered(buffered);
        broken.close(); // returns its buffers; the factory does not let it close the input
        input.unread(buffered.toByteArray());
        Scan scan = new Scan(origin.lineOf(at), origin.columnOf(at), depth,
                inText && !input.lastWasUnescapedQuote());
        try {
            input.unread(scan.skip(input));
            input.putBack(RESUME);
        } catch (IOException e) {
            throw new SourceException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (scan.endOfInput) {
            throw new SourceException(source + " is truncated: the JSON ends unexpectedly at line " + scan.line
                    + ", column " + scan.column);
        }
        JsonParser parser = json.createParser(ObjectReadContext.empty(), input);
        parser.nextToken(); // [
        parser.nextToken(); // 0, standing for the element skipped
        return new Resumed(parser, new ParserOrigin(scan.line, scan.column, RESUME.length));
    }

    /** The rest of one element, byte by byte; the location it keeps is that of the next byte, as Jackson counts. */
    private static final class Scan {

        int line;
        int column;
        int depth;
        boolean string;
        boolean escaped;
        boolean afterCarriageReturn;
        boolean endOfInput;

        /** Jackson stops inside a text only between two characters, never inside an escape. */
        Scan(int line, int column, int depth, boolean insideString) {
            this.line = line;
            this.column = column;
            this.depth = depth;
            this.string = insideString;
        }

        /** @return the bytes read past the end of the element, to be read again */
        byte[] skip(ReplayableInput input) throws IOException {
            byte[] buffer = new byte[BUFFER];
            while (!done()) {
                int n = input.read(buffer);
                if (n < 0) {
                    endOfInput = true;
                    return new byte[0];
                }
                for (int i = 0; i < n; i++) {
                    step(buffer[i]);
                    if (done()) {
                        return Arrays.copyOfRange(buffer, i + 1, n);
                    }
                }
            }
            return new byte[0];
        }

        private boolean done() {
            return depth <= 0 && !string;
        }

        private void step(byte b) {
            count(b);
            if (string) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    string = false;
                }
            } else if (b == '"') {
                string = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }

        /** CR, LF and CR LF each end a line, as in Jackson. */
        private void count(byte b) {
            if (b == '\n') {
                if (!afterCarriageReturn) {
                    line++;
                }
                column = 1;
            } else if (b == '\r') {
                line++;
                column = 1;
            } else {
                column++;
            }
            afterCarriageReturn = b == '\r';
        }
    }
}
