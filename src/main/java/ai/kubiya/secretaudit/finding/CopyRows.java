package ai.kubiya.secretaudit.finding;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's COPY text format, sent in one {@code COPY … FROM STDIN} on the current
 * transaction's connection: the fastest way PostgreSQL takes rows, so persisting findings costs
 * little more than the raw COPY baseline.
 */
final class CopyRows {

    private final StringBuilder buffer = new StringBuilder(64 * 1024);
    private boolean firstColumn = true;
    private int rows;

    CopyRows text(String value) {
        separate();
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                // PostgreSQL text cannot hold NUL. Dropping it would turn the owner "vic\0tim@…", which the METADATA
                // rule refused, into another, valid address that routing would mail: keep a visible trace instead.
                case '\0' -> buffer.append('\uFFFD');
                default -> buffer.append(c);
            }
        }
        return this;
    }

    CopyRows number(long value) {
        separate();
        buffer.append(value);
        return this;
    }

    CopyRows number(Integer value) {
        return value == null ? text(null) : number(value.longValue());
    }

    CopyRows instant(Instant value) {
        return value == null ? text(null) : text(value.toString());
    }

    CopyRows date(LocalDate value) {
        return value == null ? text(null) : text(value.toString());
    }

    void endRow() {
        buffer.append('\n');
        firstColumn = true;
        rows++;
    }

    int rows() {
        return rows;
    }

    /** Sends the rows with {@code COPY table (columns) FROM STDIN} and empties the buffer. */
    long copyInto(Connection connection, String tableAndColumns) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        try {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + tableAndColumns + " FROM STDIN", new StringReader(buffer.toString()));
            buffer.setLength(0);
            rows = 0;
            return copied;
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed", e);
        }
    }

    private void separate() {
        if (!firstColumn) {
            buffer.append('\t');
        }
        firstColumn = false;
    }
}
