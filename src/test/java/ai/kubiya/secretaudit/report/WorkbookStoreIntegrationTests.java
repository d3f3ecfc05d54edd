package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.TestFiles;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A stored workbook goes out in slices (the portal's download), checked by PostgreSQL's own hash first: a download
 * never holds a million-secret workbook (~190 MB) in the heap.
 */
@SpringBootTest
class WorkbookStoreIntegrationTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> TestFiles.directory("workbook-store").resolve("reports").toString());
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    WorkbookStore store;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aWorkbookOfSeveralSlicesComesBackByteForByteAfterPostgresqlCheckedItsHash() throws Exception {
        AuditRun run = launcher.launch(Instant.parse("2026-11-29T02:00:00Z"), "synthetic:20", false);
        byte[] large = new byte[WorkbookStore.SLICE * 2 + 12_345];
        new Random(7).nextBytes(large);
        jdbc.sql("UPDATE run_workbook SET content = ?, sha256 = ?, size = ? WHERE run_id = ?")
                .params(large, Sha256.hex(large), large.length, run.id()).update();
        jdbc.sql("UPDATE audit_run SET workbook_sha256 = ? WHERE id = ?").params(Sha256.hex(large), run.id()).update();

        WorkbookStore.Checked checked = store.check(run.id()).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String sent = store.copy(run.id(), out);

        assertThat(checked).isEqualTo(new WorkbookStore.Checked(run.id(), Sha256.hex(large), large.length));
        assertThat(out.toByteArray()).isEqualTo(large);
        assertThat(sent).isEqualTo(Sha256.hex(large));
        assertThat(store.check(run.id() + 1000)).isEmpty();

        jdbc.sql("UPDATE run_workbook SET content = set_byte(content, 1500000, get_byte(content, 1500000) # 1)"
                + " WHERE run_id = ?").param(run.id()).update();
        assertThatThrownBy(() -> store.check(run.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not match its recorded SHA-256");
    }
}
