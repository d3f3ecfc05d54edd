package ai.kubiya.secretaudit.portal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code audit.portal.export-cache.*} (docs/portal.md#stored-exports): where {@code serve} keeps the CSV, JSON and OCSF
 * exports it wrote once, and how much of them. Checked while binding, naming the key.
 *
 * @param dir     the folder; none (the default): a private folder (0700) in the temporary directory, created at start
 *                and removed at shutdown. A folder given is created if missing, and what the portal left there before
 *                (its checksums lived in memory) is deleted at start
 * @param maxSize the exports kept at most, together (default 4GB; 0 keeps none); the least recently downloaded go
 *                first, and an export larger than this is streamed from the database on every download
 */
@ConfigurationProperties(prefix = "audit.portal.export-cache")
record ExportCacheProperties(Path dir, DataSize maxSize) {

    ExportCacheProperties {
        maxSize = maxSize == null ? DataSize.ofGigabytes(4) : maxSize;
        if (maxSize.isNegative()) {
            throw new IllegalArgumentException(
                    "audit.portal.export-cache.max-size must be a size, 0 or more, e.g. 4GB");
        }
    }
}
