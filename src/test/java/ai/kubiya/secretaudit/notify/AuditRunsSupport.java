package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.run.LaunchOptions;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.Workbooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the mail tests do with their Spring context: start each test from an empty history, run the job on
 * an inventory at day 0 + n, and read the outbox and the Run sheet back.
 */
abstract class AuditRunsSupport {

    static final Instant DAY_0 = Instant.parse("2026-11-26T00:00:00Z");

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    private Path inventories;

    @BeforeEach
    void startFromAnEmptyHistory() throws Exception {
        jdbc.sql("TRUNCATE audit_run, finding_state CASCADE").update();
        inventories = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "inventory");
    }

    AuditRun run(int day, Inventory inventory) throws Exception {
        return launch(day, inventory, false);
    }

    AuditRun dryRun(int day, Inventory inventory) throws Exception {
        return launch(day, inventory, true);
    }

    private AuditRun launch(int day, Inventory inventory, boolean dryRun) throws Exception {
        Path file = inventory.writeTo(Files.createTempFile(inventories, "day" + day + "-", ".json"));
        // the days after DAY_0 may lie ahead of the clock, which a launch refuses unless told
        return launcher.launch(DAY_0.plus(Duration.ofDays(day)), "file:" + file, new LaunchOptions(dryRun, true, false));
    }

    /** (recipient, state, attempts) of every outbox row of the run, by id. */
    List<List<Object>> outbox(AuditRun run) {
        return jdbc.sql("SELECT recipient, state, attempts FROM mail_outbox WHERE run_id = ? ORDER BY id")
                .param(run.id()).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getInt(3)))
                .list();
    }

    List<String> messageIds(AuditRun run) {
        return jdbc.sql("SELECT message_id FROM mail_outbox WHERE run_id = ? ORDER BY id").param(run.id())
                .query(String.class).list();
    }

    long ownerReminders(AuditRun run) {
        return jdbc.sql("SELECT count(*) FROM mail_outbox WHERE run_id = ? AND kind = 'OWNER_REMINDER'")
                .param(run.id()).query(Long.class).single();
    }

    /** The first column of every row of the run's Run sheet: fields, list headers and list lines. */
    static List<String> runSheetLines(AuditRun run) throws Exception {
        return Workbooks.rows(Path.of(run.workbookPath()), "Run").stream().map(row -> row.get("Field")).toList();
    }

    /** Owner → SHA-256 as listed under "Owner workbooks sent" on the run's Run sheet. */
    static Map<String, String> ownerWorkbooksSent(AuditRun run) throws Exception {
        List<Map<String, String>> rows = Workbooks.rows(Path.of(run.workbookPath()), "Run");
        Map<String, String> sent = new LinkedHashMap<>();
        boolean inList = false;
        for (Map<String, String> row : rows) {
            String first = row.get("Field");
            if (first.equals("Owner workbooks sent") || first.equals("Unroutable owners")) {
                inList = first.equals("Owner workbooks sent");
            } else if (inList && !first.equals("Owner") && !first.equals("None")) {
                sent.put(first, row.get("Value"));
            }
        }
        return sent;
    }
}
