package ai.kubiya.secretaudit.evidence;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run's manifest, and its bytes. The bytes are canonical, exactly what {@code jq -cS .} prints for them: keys
 * sorted, no space, UTF-8, one newline at the end. So {@code sha256sum FILE} and {@code jq -cS . FILE | sha256sum}
 * give the same hash, and an auditor can recompute it from a pretty-printed copy too.
 *
 * @param run      the run's id
 * @param dryRun   a dry run's manifest is in the chain too, marked (docs/evidence.md#manifest-and-checksums)
 * @param workbook the workbook beside the manifest: file name, size in bytes, SHA-256
 * @param previous the manifest sealed before this one, or null for the first of the chain
 */
record Manifest(long run, Instant asOf, boolean dryRun, Workbook workbook, Previous previous) {

    static final String FORMAT = "secret-rotation-audit/manifest/1";

    record Workbook(String file, long size, String sha256) {
    }

    /** @param file the previous manifest's path relative to the reports dir, with {@code /} */
    record Previous(long run, String file, String sha256) {
    }

    byte[] bytes() {
        Map<String, Object> json = new TreeMap<>();
        json.put("asOf", asOf.toString());
        json.put("dryRun", dryRun);
        json.put("format", FORMAT);
        json.put("previous", previous == null ? null : new TreeMap<>(Map.of("file", previous.file(), "run",
                previous.run(), "sha256", previous.sha256())));
        json.put("run", run);
        json.put("workbook", new TreeMap<>(Map.of("file", workbook.file(), "size", workbook.size(), "sha256",
                workbook.sha256())));
        byte[] compact = JsonMapper.shared().writeValueAsBytes(json);
        byte[] bytes = Arrays.copyOf(compact, compact.length + 1);
        bytes[compact.length] = '\n';
        return bytes;
    }

    /** @throws IllegalArgumentException when the bytes are not a manifest of this format (the message quotes none) */
    static Manifest parse(byte[] bytes) {
        try {
            Map<?, ?> json = JsonMapper.shared().readValue(bytes, Map.class);
            if (!FORMAT.equals(json.get("format"))) {
                throw new IllegalArgumentException("not a manifest of format " + FORMAT);
            }
            Map<?, ?> workbook = (Map<?, ?>) json.get("workbook");
            Map<?, ?> previous = (Map<?, ?>) json.get("previous");
            return new Manifest(((Number) json.get("run")).longValue(), Instant.parse((String) json.get("asOf")),
                    (Boolean) json.get("dryRun"), new Workbook((String) workbook.get("file"),
                    ((Number) workbook.get("size")).longValue(), (String) workbook.get("sha256")),
                    previous == null ? null : new Previous(((Number) previous.get("run")).longValue(),
                            (String) previous.get("file"), (String) previous.get("sha256")));
        } catch (JacksonException | ClassCastException | NullPointerException | DateTimeException e) {
            throw new IllegalArgumentException("not a manifest: " + e.getClass().getSimpleName());
        }
    }
}
