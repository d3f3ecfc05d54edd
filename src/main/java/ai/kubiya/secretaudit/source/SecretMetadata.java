package ai.kubiya.secretaudit.source;

import java.time.Instant;
import java.util.List;

/**
 * The metadata of one secret as read from a source. Never holds a secret value.
 *
 * <p>Fields the source could not read are {@code null}; why they could not be read (wrong JSON type,
 * unparseable timestamp, record not an object) is in {@link #problems()}, each message starting with
 * the field name it is about, so the rules can tell "missing" from "unparseable".
 *
 * @param position 0-based index of the record in the source, for pointing at malformed records
 */
public record SecretMetadata(
        long position,
        String name,
        String type,
        String scope,
        String description,
        String integration,
        String createdBy,
        Instant createdAt,
        Instant lastUsed,
        Instant rotatedAt,
        Instant updatedAt,
        Instant expiresAt,
        List<String> problems) {

    public SecretMetadata {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** True when a problem was reported about {@code field} while reading. */
    public boolean hasProblemWith(String field) {
        for (String problem : problems) {
            if (problem.startsWith(field + " ") || problem.startsWith(field + ":")) {
                return true;
            }
        }
        return false;
    }

    /** A record without a usable name cannot be evaluated: it is counted as malformed. */
    public boolean isMalformed() {
        return name == null || name.isBlank();
    }
}
