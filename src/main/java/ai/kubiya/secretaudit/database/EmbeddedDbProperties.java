package ai.kubiya.secretaudit.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dir         where the embedded PostgreSQL keeps its data and its generated passwords, so history survives
 *                    between local runs
 * @param binariesDir where its binaries are unpacked, a folder only this user may change; default
 *                    {@code $XDG_CACHE_HOME/secret-rotation-audit/postgres-binaries}, without that variable
 *                    {@code ~/.cache/secret-rotation-audit/postgres-binaries}
 */
@ConfigurationProperties(prefix = "audit.embedded-db")
record EmbeddedDbProperties(Path dir, Path binariesDir) {

    Path binaries() {
        if (binariesDir != null) {
            return binariesDir;
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path cacheDir = cache != null && Path.of(cache).isAbsolute() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return cacheDir.resolve("secret-rotation-audit").resolve("postgres-binaries");
    }
}
