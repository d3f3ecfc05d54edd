package ai.kubiya.secretaudit.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The fields of one record while a source is still filling them in; {@code null} means absent. */
final class RecordDraft {

    String name;
    String type;
    String scope;
    String description;
    String integration;
    String createdBy;
    Instant createdAt;
    Instant lastUsed;
    Instant rotatedAt;
    Instant updatedAt;
    Instant expiresAt;
    private List<String> problems;

    void problem(String message) {
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        problems.add(message);
    }

    SecretMetadata toMetadata(long position) {
        return new SecretMetadata(position, name, type, scope, description, integration, createdBy,
                createdAt, lastUsed, rotatedAt, updatedAt, expiresAt, problems);
    }
}
