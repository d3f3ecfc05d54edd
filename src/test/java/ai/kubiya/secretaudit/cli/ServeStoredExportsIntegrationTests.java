package ai.kubiya.secretaudit.cli;

import static ai.kubiya.secretaudit.cli.ServePortal.claims;
import static ai.kubiya.secretaudit.support.PortalClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.export.ExportFormat;
import ai.kubiya.secretaudit.export.FindingsExport;
import ai.kubiya.secretaudit.support.PortalClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Stored exports through the real server (portal/StoredExports, docs/portal.md#stored-exports): written once per run
 * and format, byte for byte what {@code export --format} writes, served from the folder without reading the findings
 * again, checked against their SHA-256 before the first byte, and dropped with their run.
 */
class ServeStoredExportsIntegrationTests {

    static Path cache;
    static ServePortal portal;
    static PortalClient auditor;

    @BeforeAll
    static void serve() throws Exception {
        cache = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "stored-exports");
        portal = new ServePortal(Map.of("audit.portal.export-cache.dir", cache.toString()));
        auditor = new PortalClient();
        portal.nextSignIn("auditor-exports", claims("auditor@acme.example", true, "audit-team"));
        assertThat(auditor.follow(portal.base + "/runs").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theConnectorWrites64KibAtATimeForAtMost1024ConnectionsTheWorstCaseOf8KibTimesTomcatsDefault() {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) portal.context).getWebServer();
        assertThat(server.getTomcat().getConnector().getProperty("socket.appWriteBufSize")).hasToString("65536");
        assertThat(server.getTomcat().getConnector().getProperty("maxConnections")).hasToString("1024");
    }

    @Test
    void eachFormatIsByteForByteWhatExportWritesAndItsSecondDownloadReadsNoFinding() throws Exception {
        long run = run(300);
        Map<ExportFormat, String> checksums = new EnumMap<>(ExportFormat.class);
        for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.OCSF)) {
            byte[] exported = exported(run, format);
            checksums.put(format, Sha256.hex(exported));
            HttpResponse<byte[]> first = download(run, format.name().toLowerCase());
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo(exported);
            assertThat(first.headers().firstValue("X-Content-SHA256")).hasValue(Sha256.hex(exported));
            assertThat(first.headers().firstValueAsLong("Content-Length")).hasValue(exported.length);
        }
        // the findings are gone from the database: what the second downloads send can only come from the folder
        portal.jdbc.update("DELETE FROM finding WHERE run_id = ?", run);

        for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.OCSF)) {
            HttpResponse<byte[]> second = download(run, format.name().toLowerCase());
            assertThat(Sha256.hex(second.body())).isEqualTo(second.headers().firstValue("X-Content-SHA256")
                    .orElseThrow());
            assertThat(text(second)).contains("secret-0300");
            assertThat(second.headers().firstValue("X-Content-SHA256")).hasValue(checksums.get(format));
        }
        assertThat(files(run)).containsExactlyInAnyOrder("run-" + run + ".csv", "run-" + run + ".json",
                "run-" + run + ".ocsf");
        assertThat(text(auditor.get(portal.base + "/access-log")))
                .contains("run " + run + " export audit-2026-11-28-run" + run + ".ocsf.json")
                .contains(checksums.values());
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aStoredExportChangedOnDiskIsRefusedWithNothingSentAndWrittenAgainForTheNextDownload(CapturedOutput log)
            throws Exception {
        long run = run(50);
        byte[] exported = exported(run, ExportFormat.CSV);
        assertThat(download(run, "csv").body()).isEqualTo(exported);
        Path file = cache.resolve("run-" + run + ".csv");
        Files.writeString(file, Files.readString(file).replace("secret-0042", "secret-9999"));

        HttpResponse<byte[]> refused = download(run, "csv");

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.headers().firstValue("X-Content-SHA256")).isEmpty();
        assertThat(text(refused)).doesNotContain("secret-00", "secret-9999");
        assertThat(log.getOut()).contains("ERROR Refused the stored CSV export of run " + run + ": its bytes no longer"
                + " match the SHA-256 recorded when it was written");
        assertThat(download(run, "csv").body()).isEqualTo(exported);
    }

    @Test
    void auditorsAskingForTheSameExportAtOnceGetOneFileAndTheSameBytes() throws Exception {
        long run = run(2000);
        byte[] exported = exported(run, ExportFormat.JSON);
        ExecutorService auditors = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<byte[]>>> downloads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                downloads.add(auditors.submit(() -> download(run, "json")));
            }
            for (Future<HttpResponse<byte[]>> response : downloads) {
                assertThat(response.get(60, TimeUnit.SECONDS).body()).isEqualTo(exported);
            }
        } finally {
            auditors.shutdownNow();
        }
        assertThat(files(run)).containsExactly("run-" + run + ".json");
        try (Stream<Path> parts = Files.list(cache)) {
            assertThat(parts.map(Path::toString)).noneMatch(name -> name.contains(".part"));
        }
    }

    @Test
    void aClientGoneInTheMiddleOfTheFirstDownloadLeavesAWholeFileForTheNext() throws Exception {
        long run = run(5000);
        byte[] exported = exported(run, ExportFormat.OCSF);
        HttpResponse<InputStream> cut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(portal.base + "/runs/" + run + "/export/ocsf")).header("Cookie", auditor.cookieHeader())
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = cut.body()) {
            assertThat(body.readNBytes(1000)).hasSize(1000);
        }

        assertThat(download(run, "ocsf").body()).isEqualTo(exported);
    }

    @Test
    void aStoredExportThatCannotBeRecordedInTheAccessLogIsNotSentAndLeavesTheFileClosed() throws Exception {
        long run = run(20);
        assertThat(download(run, "csv").statusCode()).isEqualTo(200);
        Path file = cache.resolve("run-" + run + ".csv").toRealPath();
        portal.jdbc.execute("ALTER TABLE portal_access ADD CONSTRAINT refuse_every_row CHECK (false) NOT VALID");
        try {
            HttpResponse<byte[]> refused = download(run, "csv");

            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.headers().firstValue("X-Content-SHA256")).isEmpty();
        } finally {
            portal.jdbc.execute("ALTER TABLE portal_access DROP CONSTRAINT refuse_every_row");
        }
        assertThat(openedBySelf(file)).isZero(); // the server runs in this process
    }

    @Test
    void aRunRemovedByRetentionIsNotFoundAndItsStoredExportsAreDeleted() throws Exception {
        long run = run(10);
        assertThat(download(run, "csv").statusCode()).isEqualTo(200);
        assertThat(files(run)).hasSize(1);
        portal.jdbc.update("DELETE FROM audit_run WHERE id = ?", run);

        assertThat(download(run, "csv").statusCode()).isEqualTo(404);
        assertThat(files(run)).isEmpty();
    }

    @Test
    void noFormatOrRunIdARequestSendsNamesAFileOfTheFolder() throws Exception {
        long run = run(10);
        for (String path : List.of("/runs/" + run + "/export/..%2F..%2Fx", "/runs/" + run + "/export/csv%00",
                "/runs/" + run + "/export/csv%2F..", "/runs/99999999999999999999/export/csv",
                "/runs/-1/export/csv", "/runs/" + run + "/export/%2e%2e")) {
            assertThat(auditor.get(portal.base + path).statusCode()).as(path).isIn(400, 404);
        }
        assertThat(files(run)).isEmpty();
    }

    private static HttpResponse<byte[]> download(long run, String format) throws IOException, InterruptedException {
        return auditor.get(portal.base + "/runs/" + run + "/export/" + format);
    }

    private static byte[] exported(long run, ExportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        portal.context.getBean(FindingsExport.class).write(run, format, out);
        return out.toByteArray();
    }

    /** How many of this process's file descriptors (Linux) have the file open. */
    private static long openedBySelf(Path file) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(descriptor -> {
                try {
                    return Files.readSymbolicLink(descriptor).equals(file);
                } catch (IOException e) {
                    return false; // closed since it was listed
                }
            }).count();
        }
    }

    private static List<String> files(long run) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("run-" + run + "."))
                    .toList();
        }
    }

    private static long run(int findings) {
        long run = portal.jdbc.queryForObject("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, ended_at, read_count, finding_count,
                                       policy_version, policy, app_version)
                VALUES ('2026-11-28T02:00:00Z', 'synthetic', false, 'COMPLETED', now(), now(), ?, ?, 'policy-v1', '{}',
                        'test') RETURNING id""", Long.class, findings, findings);
        portal.jdbc.update("""
                INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, scope, owner,
                                     policy_version)
                SELECT ?, 'secret-' || lpad(n::text, 4, '0'), 'ROTATION', 'OVERDUE', 'HIGH', 'NEW', 'rotate it',
                       'token', 'organization', 'dave@acme.example', 'policy-v1'
                FROM generate_series(1, ?) n""", run, findings);
        return run;
    }
}
