package ai.kubiya.secretaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * XML text encoded as UTF-8 into a buffer, passed on to {@code out} when full. Not thread-safe, and not a
 * {@link java.io.Writer}: a sheet's tens of millions of small writes would each take the writer's lock and go
 * through a charset encoder. Markup is ASCII; cell text is escaped here, the one place for {@link StreamedSheet}
 * (the auditor workbook) and {@link XlsxStream} (owner workbooks).
 */
final class Utf8Buffer {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int position;

    Utf8Buffer(OutputStream out) {
        this.out = out;
    }

    /** Markup, numbers: text known to be ASCII. */
    void ascii(String text) {
        int length = text.length();
        if (length > buffer.length - position) {
            flush();
            if (length > buffer.length) {
                for (int i = 0; i < length; i++) {
                    ascii(text.charAt(i));
                }
                return;
            }
        }
        for (int i = 0; i < length; i++) {
            buffer[position++] = (byte) text.charAt(i);
        }
    }

    /**
     * Markup that may hold other characters than ASCII (a sheet's name in workbook.xml), not escaped: as UTF-8, an
     * unpaired surrogate as {@code ?} (what a UTF-8 {@link java.io.OutputStreamWriter} writes for one).
     */
    void text(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint(Character.toCodePoint(c, text.charAt(++i)));
            } else {
                codePoint(Character.isSurrogate(c) ? '?' : c);
            }
        }
    }

    void ascii(char c) {
        if (position == buffer.length) {
            flush();
        }
        buffer[position++] = (byte) c;
    }

    /**
     * Cell text, XML-escaped: {@code & < >}, CR as a character reference (a literal one reads back as LF), and text
     * that looks like Excel's own escape {@code _xHHHH_} escaped in turn ({@code _x005F_}) so it reads back as
     * written. Surrogate pairs become one 4-byte character; {@link CellWriter#clean} has dropped unpaired ones.
     */
    void escaped(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '&' -> ascii("&amp;");
                    case '<' -> ascii("&lt;");
                    case '>' -> ascii("&gt;");
                    case '\r' -> ascii("&#13;");
                    case '_' -> ascii(XlsxStream.isExcelEscape(text, i) ? "_x005F_" : "_");
                    default -> ascii(c);
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint(Character.toCodePoint(c, text.charAt(++i)));
            } else {
                codePoint(c);
            }
        }
    }

    void flush() {
        try {
            out.write(buffer, 0, position);
            position = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void codePoint(int c) {
        if (buffer.length - position < 4) {
            flush();
        }
        if (c < 0x80) {
            buffer[position++] = (byte) c;
            return;
        }
        if (c < 0x800) {
            buffer[position++] = (byte) (0xC0 | c >> 6);
        } else if (c < 0x10000) {
            buffer[position++] = (byte) (0xE0 | c >> 12);
            buffer[position++] = (byte) (0x80 | (c >> 6 & 0x3F));
        } else {
            buffer[position++] = (byte) (0xF0 | c >> 18);
            buffer[position++] = (byte) (0x80 | (c >> 12 & 0x3F));
            buffer[position++] = (byte) (0x80 | (c >> 6 & 0x3F));
        }
        buffer[position++] = (byte) (0x80 | (c & 0x3F));
    }
}
