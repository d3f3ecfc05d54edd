package ai.kubiya.secretaudit.source.json;

import tools.jackson.core.TokenStreamLocation;

/**
 * Where a parser's first byte lies in the whole input: after a resynchronisation (see {@link ElementResync}) a new
 * parser counts lines from 1 again, and its first line begins with {@code lead} bytes that are not in the input.
 * Error messages translate the parser's line and column through this, so they point into the input as given.
 */
record ParserOrigin(int line, int column, int lead) {

    static final ParserOrigin START = new ParserOrigin(1, 1, 0);

    int lineOf(TokenStreamLocation location) {
        return line + location.getLineNr() - 1;
    }

    int columnOf(TokenStreamLocation location) {
        return location.getLineNr() == 1 ? column + location.getColumnNr() - 1 - lead : location.getColumnNr();
    }

    /** {@code " at line L, column C"}, or nothing when the parser does not know. */
    String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + lineOf(location) + ", column " + columnOf(location);
    }
}
