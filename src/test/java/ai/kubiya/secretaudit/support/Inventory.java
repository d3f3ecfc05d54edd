package ai.kubiya.secretaudit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A file inventory in the Control Plane's JSON shape, with dates placed relative to a day 0, for
 * {@code --source=file:PATH}. Tokens may be 60 days old; every secret was used the day before day 0.
 */
public final class Inventory {

    public static final int TOKEN_MAX_AGE_DAYS = 60;
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

    /** A token of {@code ageDays} days at day 0: DUE_SOON from 46 days, OVERDUE past 60. */
    public Inventory token(String name, String owner, int ageDays) {
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("name", name);
        secret.put("type", "token");
        secret.put("scope", "org");
        secret.put("integration", "github");
        if (owner != null) {
            secret.put("created_by", owner);
        }
        secret.put("created_at", day0.minus(Duration.ofDays(ageDays)).toString());
        secret.put("last_used", day0.minus(Duration.ofDays(1)).toString());
        secrets.add(secret);
        return this;
    }

    /** Sets a field of the secret added last. */
    public Inventory with(String field, String value) {
        secrets.get(secrets.size() - 1).put(field, value);
        return this;
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(secrets));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
