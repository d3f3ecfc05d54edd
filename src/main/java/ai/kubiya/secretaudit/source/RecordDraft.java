package ai.kubiya.secretaudit.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one record while a source is still filling them in; {@code null} means absent.
 *
 * <p>{@link #toMetadata} bounds the two texts PostgreSQL indexes: a b-tree entry holds at most 2,704 bytes, and
 * 3 KB of non-repetitive text (PostgreSQL compresses repetitive text below that) in {@code finding.secret} or
 * {@code finding.owner} failed the whole run on every restart.
 */
public final class RecordDraft {

    /** The longest usable name. 512 characters are at most 2,048 bytes of UTF-8, well inside an index entry. */
    public static final int MAX_NAME_LENGTH = 512;

    /**
     * The longest owner kept whole: 254 characters is the longest address SMTP can carry (RFC 5321 §4.5.3.1:
     * a 256-octet path, angle brackets included). A longer owner is kept as its first 254 characters followed by
     * {@value #CUT_MARK}; the space makes sure no parser mistakes what is left for an address.
     */
    public static final int MAX_OWNER_LENGTH = 254;
    public static final String CUT_MARK = " …";

    public String name;
    public String type;
    public String scope;
    public String description;
    public String integration;
    public String createdBy;
    public Instant createdAt;
    public Instant lastUsed;
    public Instant rotatedAt;
    public Instant updatedAt;
    public Instant expiresAt;
    private List<String> problems;

    public void problem(String message) {
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        problems.add(message);
    }

    public SecretMetadata toMetadata(long position) {
        if (longerThan(name, MAX_NAME_LENGTH)) {
            name = null; // the record is then malformed: a name is the finding's key, it cannot be cut
            problem(RecordProblems.nameTooLong(MAX_NAME_LENGTH));
        }
        if (longerThan(createdBy, MAX_OWNER_LENGTH)) {
            createdBy = cut(createdBy, MAX_OWNER_LENGTH) + CUT_MARK; // the METADATA rule reports it as unusable
        }
        return new SecretMetadata(position, name, type, scope, description, integration, createdBy,
                createdAt, lastUsed, rotatedAt, updatedAt, expiresAt, problems);
    }

    /** In characters (code points), so that a name in any script gets the same allowance. */
    public static boolean longerThan(String text, int maxLength) {
        return text != null && text.length() > maxLength && text.codePointCount(0, text.length()) > maxLength;
    }

    private static String cut(String text, int length) {
        return text.substring(0, text.offsetByCodePoints(0, length));
    }
}
