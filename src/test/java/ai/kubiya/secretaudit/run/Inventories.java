package ai.kubiya.secretaudit.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deterministic JSON inventories, whole or cut off mid-record the way a dropped connection leaves them. */
final class Inventories {

    private static final String[] TYPES = {"token", "api_key", "credentials", "certificate", "url", "env_var"};

    private Inventories() {
    }

    /** {@code count} secrets owned by twelve owners at {@code ownerDomain}, with dates spread around {@code asOf}. */
    static List<String> records(int count, Instant asOf, String ownerDomain) {
        List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = TYPES[i % TYPES.length];
            StringBuilder json = new StringBuilder()
                    .append("{\"name\":\"secret-").append(String.format("%05d", i))
                    .append("\",\"type\":\"").append(type)
                    .append("\",\"scope\":\"").append(i % 3 == 0 ? "user" : "org")
                    .append("\",\"integration\":\"").append(i % 2 == 0 ? "github" : "aws")
                    .append("\",\"created_by\":\"owner").append(i % 12).append('@').append(ownerDomain)
                    .append("\",\"created_at\":\"").append(daysBefore(asOf, 30 + i % 400))
                    .append("\",\"last_used\":\"").append(daysBefore(asOf, i % 200)).append('"');
            if (type.equals("certificate")) {
                json.append(",\"expires_at\":\"").append(daysBefore(asOf, 10 - i % 60)).append('"');
            }
            records.add(json.append('}').toString());
        }
        return records;
    }

    static String whole(List<String> records) {
        return "[" + String.join(",\n", records) + "]";
    }

    /** The first {@code complete} records, then the next one cut off in the middle: a truncated transfer. */
    static String truncatedAfter(List<String> records, int complete) {
        String next = records.get(complete);
        return "[" + String.join(",\n", records.subList(0, complete)) + ",\n" + next.substring(0, next.length() / 2);
    }

    private static Instant daysBefore(Instant asOf, int days) {
        return asOf.minus(Duration.ofDays(days));
    }
}
