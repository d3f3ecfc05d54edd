package ai.kubiya.secretaudit.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-configuration database: when {@code spring.datasource.url} is unset, a real PostgreSQL
 * (binaries from Maven Central) is started on a free local port with its data in
 * {@code audit.embedded-db.dir}, so a second local run sees the history of the first.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDbProperties properties) {
        try {
            Files.createDirectories(properties.dir());
            OrphanedPostmaster.stopIfOrphaned(properties.dir());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(properties.dir())
                    .setCleanDataDirectory(false)
                    // the context stops it (close), after the daemon's graceful stop: zonky's own JVM hook would
                    // stop it at SIGTERM in parallel, under the chunk that is finishing
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), properties.dir());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + properties.dir()
                    + " (set SPRING_DATASOURCE_URL to use a server instead)", e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setPoolName("embedded-postgres");
        return new HikariDataSource(config);
    }
}
