package ai.kubiya.secretaudit.bench;

import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.json.JsonInventoryReader;
import ai.kubiya.secretaudit.source.synthetic.SyntheticSecretSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Baseline (a): the synthetic inventory written once as the Control Plane's JSON array, then a bare
 * jackson-core token loop over that file — the least any reader of the same input can do.
 */
final class InventoryJson {

    private static final JsonFactory JSON = new JsonFactory();

    private InventoryJson() {
    }

    static void write(int count, Instant asOf, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out);
             SecretCursor secrets = new SyntheticSecretSource(count).open(asOf)) {
            json.writeStartArray();
            while (secrets.hasNext()) {
                SecretMetadata secret = secrets.next();
                json.writeStartObject();
                field(json, "name", secret.name());
                field(json, "type", secret.type());
                field(json, "scope", secret.scope());
                field(json, "description", secret.description());
                field(json, "integration", secret.integration());
                field(json, "created_by", secret.createdBy());
                field(json, "created_at", secret.createdAt());
                field(json, "last_used", secret.lastUsed());
                field(json, "rotated_at", secret.rotatedAt());
                field(json, "updated_at", secret.updatedAt());
                field(json, "expires_at", secret.expiresAt());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    /** @return the number of tokens */
    static long tokenLoop(Path file) throws IOException {
        long tokens = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser parser = JSON.createParser(ObjectReadContext.empty(), in)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    /** The job's own reader of {@code file:} sources over the same file, for comparison. */
    static long records(Path file) throws IOException {
        long records = 0;
        try (SecretCursor cursor = JsonInventoryReader.read(Files.newInputStream(file), "file:" + file)) {
            while (cursor.hasNext()) {
                cursor.next();
                records++;
            }
        }
        return records;
    }

    private static void field(JsonGenerator json, String name, Object value) {
        json.writeName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value.toString());
        }
    }
}
