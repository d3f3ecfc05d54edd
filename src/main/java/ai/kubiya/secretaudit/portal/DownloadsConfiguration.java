package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.export.FindingsExport;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@link Downloads} shares between requests: the database turns, the stored exports, the throttle; and the size
 * of the socket writes every response leaves in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class DownloadsConfiguration {

    /** audit.run.deadline as application.yml sets it, for a context that binds none. */
    private static final Duration DEFAULT_DEADLINE = Duration.ofHours(2);

    @Bean
    ExportTurns exportTurns(DataSource dataSource) {
        return new ExportTurns(dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 10);
    }

    /** Removed at shutdown with its folder (AutoCloseable). */
    @Bean
    StoredExports storedExports(ExportCacheProperties properties, FindingsExport exports, ExportTurns turns) {
        return new StoredExports(StoredExportFolder.open(properties.dir()), properties.maxSize().toBytes(),
                StoredExports.RETRY_AFTER, (run, format, out) -> turns.run(() -> exports.write(run, format, out)));
    }

    /**
     * Responses leave in socket writes of {@link DownloadThrottle#SLICE} (64 KiB), not Tomcat's 8 KiB: downloads of 10
     * auditors at 64 MB/s were 8,000 socket writes a second, each waking the reader, and the downloads' threads a
     * third of the portal's CPU while a run wrote (docs/performance.md#the-portal-under-load). Tomcat gives every
     * connection, open or kept for reuse, its write buffer: {@code server.tomcat.max-connections} is 1,024
     * (application.yml; Tomcat's default is 8,192), which keeps the worst case where it was, 64 MiB.
     */
    @Bean
    TomcatConnectorCustomizer largerSocketWrites() {
        return connector -> connector.setProperty("socket.appWriteBufSize", Integer.toString(DownloadThrottle.SLICE));
    }

    @Bean
    DownloadThrottle downloadThrottle(DownloadProperties properties, DataSource dataSource, Environment environment,
                                      Clock clock) {
        long rate = properties.rateWhileRunning().toBytes();
        Duration deadline = Binder.get(environment).bind("audit.run.deadline", Duration.class)
                .orElse(DEFAULT_DEADLINE);
        RunWriting writing = new RunWriting(new JdbcTemplate(dataSource), deadline, clock, System::nanoTime);
        return new DownloadThrottle(rate == 0 ? null : new TokenBucket(rate, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000))), writing::now);
    }
}
