package ai.kubiya.secretaudit.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code audit.portal.downloads.*} (docs/portal.md#downloads-while-a-run-writes). Checked while binding, naming the
 * key.
 *
 * @param rateWhileRunning all downloads together (exports and workbooks) while a run is writing, per second (default
 *                         64MB; 0: no limit). On a small machine the nightly job comes first: at 1,000,000 secrets on
 *                         2 cores, 10 unthrottled downloads slowed the job by 540 %. With the database on its own host
 *                         and the portal on its own replica, set it to 0
 */
@ConfigurationProperties(prefix = "audit.portal.downloads")
record DownloadProperties(DataSize rateWhileRunning) {

    /**
     * The least rate taken: {@code 64} without a unit is 64 bytes a second, which paces a 64 KiB slice for 17 minutes
     * and keeps a streamed export's database turn for days; a typo must not do that.
     */
    static final DataSize LEAST = DataSize.ofMegabytes(1);

    DownloadProperties {
        rateWhileRunning = rateWhileRunning == null ? DataSize.ofMegabytes(64) : rateWhileRunning;
        if (rateWhileRunning.isNegative() || rateWhileRunning.toBytes() != 0 && rateWhileRunning.compareTo(LEAST) < 0) {
            throw new IllegalArgumentException("audit.portal.downloads.rate-while-running must be 0 (no limit) or at"
                    + " least 1MB (a size per second with its unit, e.g. 64MB)");
        }
    }
}
