package ai.kubiya.secretaudit.source;

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
 * <p>Where the old parser stopped is known from the limit: after the bracket that went too deep, after the
 * number that was too long (or among its digits), inside the string being decoded. A field name that is too
 * long is the one ambiguity: Jackson stops either after the whole name or inside it, depending on its length.
 * The next byte that is not white space tells them apart — a colon follows a whole name — unless the name itself
 * holds a colon exactly where the parser stopped; then the skipping goes wrong and the input fails as invalid
 * JSON a little later: a failed run, never a wrong record.
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
     * @param insideString the parser stopped while decoding a string value
     * @param insideName   the limit broken was the field name's, so the parser stopped inside or right after one
     * @throws SourceException when the input ends or cannot be read before the element does
     */
    Resumed skipRestOfElement(JsonParser broken, ParserOrigin origin, boolean insideString, boolean insideName) {
        TokenStreamLocation at = broken.currentLocation();
        Scan scan = new Scan(origin.lineOf(at), origin.columnOf(at),
                broken.streamReadContext().getNestingDepth() - 1, insideString, insideName);
        ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        broken.releaseBuffered(buffered);
        broken.close(); // returns its buffers; the factory does not let it close the input
        input.putBack(buffered.toByteArray());
        try {
            input.putBack(RESUME, scan.skip(input));
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
        boolean nameUndecided;
        boolean afterCarriageReturn;
        boolean endOfInput;

        Scan(int line, int column, int depth, boolean insideString, boolean insideName) {
            this.line = line;
            this.column = column;
            this.depth = depth;
            this.string = insideString;
            this.nameUndecided = insideName;
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
            return depth <= 0 && !string && !nameUndecided;
        }

        private void step(byte b) {
            count(b);
            if (nameUndecided) {
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                    return;
                }
                nameUndecided = false;
                if (b == ':') {
                    return; // the name was read whole and its value follows
                }
                string = true; // the parser stopped inside the name: this byte is part of it
            }
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
