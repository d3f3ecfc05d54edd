package ai.kubiya.secretaudit.support;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An inventory in the Control Plane's JSON shape, with dates placed relative to a day 0, for
 * {@code --source=file:PATH} or a stubbed Control Plane: named tokens ({@link #token}, {@link #overdueToken}),
 * any {@link SecretBuilder} secret, or many {@link #generated} ones; whole, or cut off mid-record the way a
 * dropped connection leaves it. Tokens may be 60 days old; every token was used the day before day 0.
 */
public final class Inventory {

    public static final int TOKEN_MAX_AGE_DAYS = 60;
    private static final String[] TYPES = {"token", "api_key", "credentials", "certificate", "url", "env_var"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Instant day0;
    private final List<Map<String, Object>> secrets = new ArrayList<>();

    public Inventory(Instant day0) {
        this.day0 = day0;
    }

    /** A token whose rotation was due {@code daysPastDue} days before day 0: OVERDUE, due day 0 minus that. */
    public Inventory overdueToken(String name, String owner, int daysPastDue) {
        return token(name, owner, TOKEN_MAX_AGE_DAYS + daysPastDue);
    }

    /** A token of {@code ageDays} days at day 0: DUE_SOON from 46 days, OVERDUE past 60; no owner when null. */
    public Inventory token(String name, String owner, int ageDays) {
        return add(okSecretAsOf(day0).name(name).createdBy(owner).description(null).createdAt(daysBefore(ageDays)));
    }

    public Inventory add(SecretBuilder secret) {
        secrets.add(secret.json());
        return this;
    }

    /** Sets a field of the secret added last. */
    public Inventory with(String field, String value) {
        secrets.get(secrets.size() - 1).put(field, value);
        return this;
    }

    /**
     * {@code count} secrets of every type, named {@code secret-00000} on, owned by twelve owners at
     * {@code ownerDomain}, with dates spread around day 0 (certificates expiring on both sides of it).
     */
    public Inventory generated(int count, String ownerDomain) {
        for (int i = 0; i < count; i++) {
            String type = TYPES[i % TYPES.length];
            add(okSecretAsOf(day0).name("secret-" + String.format("%05d", i)).type(type)
                    .scope(i % 3 == 0 ? "user" : "org").integration(i % 2 == 0 ? "github" : "aws")
                    .createdBy("owner" + i % 12 + "@" + ownerDomain).description(null)
                    .createdAt(daysBefore(30 + i % 400)).lastUsed(daysBefore(i % 200))
                    .expiresAt(type.equals("certificate") ? daysBefore(10 - i % 60) : null));
        }
        return this;
    }

    /** Each secret as one JSON object. */
    public List<String> records() {
        return secrets.stream().map(JSON::writeValueAsString).toList();
    }

    /** The JSON array, one record a line. */
    public String json() {
        return "[" + String.join(",\n", records()) + "]";
    }

    /** The first {@code complete} records, then the next one cut off in the middle: a truncated transfer. */
    public String truncatedAfter(int complete) {
        List<String> records = records();
        String next = records.get(complete);
        return "[" + String.join(",\n", records.subList(0, complete)) + ",\n" + next.substring(0, next.length() / 2);
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant daysBefore(int days) {
        return day0.minus(Duration.ofDays(days));
    }
}
