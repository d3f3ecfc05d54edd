package ai.kubiya.secretaudit.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code export --format} and a download may ask for; XLSX is the stored workbook, the others stream findings. */
public enum ExportFormat {
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    CSV("csv", "text/csv; charset=UTF-8"),
    JSON("json", "application/json"),
    OCSF("ocsf.json", "application/json");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** @throws IllegalArgumentException naming the formats, never quoting what was given */
    public static ExportFormat of(String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--format must be one of " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(format -> format.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
