package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of a test, on a fresh database of the suite's PostgreSQL: configuration as system properties
 * (cleared after each test), what a command prints in {@code out} and {@code err}, its exit code from
 * {@link #execute}. The classes that start their own embedded data folder use {@link OwnDataFolderCommandLine}.
 */
abstract class TestDatabaseCommandLine {

    @TempDir
    Path reports;

    String databaseUrl;
    final Map<String, String> properties = new LinkedHashMap<>();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void pointAtATestDatabase() {
        databaseUrl = TestDatabases.newDatabase();
        set("spring.datasource.url", databaseUrl);
        set("spring.datasource.username", "postgres");
        set("audit.reports.dir", reports.toString());
    }

    @AfterEach
    void clearProperties() {
        properties.keySet().forEach(System::clearProperty);
    }

    /** A property for this test only. */
    void set(String key, String value) {
        properties.put(key, value);
        System.setProperty(key, value);
    }

    int execute(String... args) {
        return AuditCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
