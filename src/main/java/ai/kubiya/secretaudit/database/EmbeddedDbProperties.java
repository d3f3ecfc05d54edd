package ai.kubiya.secretaudit.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param dir where the embedded PostgreSQL keeps its data, so history survives between local runs */
@ConfigurationProperties(prefix = "audit.embedded-db")
record EmbeddedDbProperties(Path dir) {
}
