package ai.kubiya.secretaudit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands run in this JVM on an embedded data folder and reports folder of the test's own (under its
 * {@code @TempDir}), with system properties cleared after each test and stdout/stderr captured apart. Whether the
 * data folder exists afterwards tells whether the database was started at all.
 */
abstract class OwnDataFolderCommandLine {

    @TempDir
    Path directory;

    Path dataFolder;
    final List<String> properties = new ArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void useAnEmbeddedDataFolderOfItsOwn() {
        dataFolder = directory.resolve("data/postgres");
        set("audit.embedded-db.dir", dataFolder.toString());
        set("audit.reports.dir", directory.resolve("reports").toString());
    }

    @AfterEach
    void clearProperties() {
        properties.forEach(System::clearProperty);
    }

    void set(String key, String value) {
        properties.add(key);
        System.setProperty(key, value);
    }

    int execute(String... args) {
        return AuditCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
