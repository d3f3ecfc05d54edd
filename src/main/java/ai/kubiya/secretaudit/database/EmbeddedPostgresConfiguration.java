package ai.kubiya.secretaudit.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-configuration database: when {@code spring.datasource.url} is unset, a real PostgreSQL
 * (binaries from Maven Central) is started on a free port of 127.0.0.1 with its data in
 * {@code audit.embedded-db.dir}, so a second local run sees the history of the first. It is private to this
 * user: see {@link EmbeddedDatabase}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDbProperties properties) {
        try {
            EmbeddedDatabase database = EmbeddedDatabase.start(properties.dir(), properties.binaries());
            log.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {}", database.port(), properties.dir());
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + properties.dir()
                    + " (set SPRING_DATASOURCE_URL to use a server instead)", e);
        }
    }

    /**
     * @param sessionName what the command calls its sessions ({@code application_name}), as a server database's pool
     *                    gets it from the same key
     */
    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase database,
                          @Value("${spring.datasource.hikari.data-source-properties.ApplicationName:secret-rotation-audit}")
                          String sessionName) {
        HikariConfig config = new HikariConfig();
        config.addDataSourceProperty("ApplicationName", sessionName);
        config.setJdbcUrl(database.jdbcUrl() + "?reWriteBatchedInserts=true");
        config.setUsername(database.username());
        config.setPassword(database.password());
        // 10, as Hikari's default for a server database. A run holds up to 7 at once while the lifecycle runs beside
        // the owner reminders: the run lock (for the whole run), the lifecycle's transaction (~9 s at 1,000,000
        // secrets), the reminder step's (its owner query streams), the outbox store, the SENT marks, a progress meter
        // and a job repository update; a daemon that serves the portal too adds its export turns (portal.ExportTurns
        // reads this size) and findings pages. 6 left the portal one connection beside a run, and a paced export
        // holds its turn for as long as it streams.
        config.setMaximumPoolSize(10);
        config.setPoolName("embedded-postgres");
        return new HikariDataSource(config);
    }
}
