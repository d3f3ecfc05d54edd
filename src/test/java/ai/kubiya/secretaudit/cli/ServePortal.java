package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The portal as {@code serve} starts it (cli/ServeCommand: pre-flight, then the web context) on a new database, signing
 * in at a real OpenID Connect provider in the test JVM (mock-oauth2-server: discovery, JWKS, authorize, token, user
 * info), and two runs to look at: run 1 with Alice's and Bob's findings and a stored workbook, run 2 a dry run.
 */
final class ServePortal implements AutoCloseable {

    static final String CLIENT_ID = "audit-portal";
    static final String ALICE = "alice@acme.example";
    static final String MALFORMED = "record 7: no usable name";
    static final byte[] WORKBOOK = new Random(16).ints(20_000, 0, 256).collect(() -> new java.io.ByteArrayOutputStream(),
            (out, b) -> out.write(b), (a, b) -> a.write(b.toByteArray(), 0, b.size())).toByteArray();

    final MockOAuth2Server provider = new MockOAuth2Server();
    final ConfigurableApplicationContext context;
    final String base;
    final JdbcTemplate jdbc;

    ServePortal(Map<String, Object> extra) throws IOException {
        provider.start();
        int port = freePort();
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "serve-portal");
        Map<String, Object> properties = new LinkedHashMap<>(Map.of(
                "spring.datasource.url", TestDatabases.newDatabase(),
                "spring.datasource.username", "postgres", "spring.datasource.password", "",
                "audit.reports.dir", work.resolve("reports"), "audit.portal.port", port,
                ServeCommand.REGISTRATION + "client-id", CLIENT_ID,
                ServeCommand.REGISTRATION + "client-secret", "portal-secret",
                ServeCommand.ISSUER_URI, provider.issuerUrl("acme").toString(),
                "audit.portal.auditor-groups", "Audit-Team", "audit.portal.owner-groups", "owners"));
        properties.putAll(extra);
        try {
            context = ServeCommand.startContext(properties);
        } catch (RuntimeException e) {
            provider.shutdown();
            throw e;
        }
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        seed();
    }

    /** The provider signs the next user in with these claims (no login form: the flow runs straight through). */
    void nextSignIn(String subject, Map<String, Object> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("acme", subject, "JWT", List.of(CLIENT_ID), claims,
                3600));
    }

    static Map<String, Object> claims(String email, boolean verified, String... groups) {
        return Map.of("email", email, "email_verified", verified, "groups", List.of(groups));
    }

    private void seed() {
        long run1 = run("2026-11-29T02:00:00Z", false, Sha256.hex(WORKBOOK));
        jdbc.update("INSERT INTO run_workbook (run_id, sha256, size, content) VALUES (?, ?, ?, ?)", run1,
                Sha256.hex(WORKBOOK), WORKBOOK.length, WORKBOOK);
        finding(run1, "alice-token", "Alice@Acme.example", "OVERDUE", "HIGH", "NEW", "token");
        finding(run1, "alice-cert", "alice@acme.example", "EXPIRING", "CRITICAL", "OPEN", "certificate");
        finding(run1, "bob-token", "bob@acme.example", "OVERDUE", "HIGH", "NEW", "token");
        jdbc.update("INSERT INTO malformed_record (run_id, position, reason) VALUES (?, 7, ?)", run1, MALFORMED);
        long run2 = run("2026-11-30T02:00:00Z", true, null);
        finding(run2, "bob-token", "bob@acme.example", "OVERDUE", "HIGH", "OPEN", "token");
    }

    /** A completed run of this as-of (its id: 3 for the first after the two seeded). */
    long run(String asOf, boolean dryRun, String sha256) {
        Timestamp at = Timestamp.from(Instant.parse(asOf));
        return jdbc.queryForObject("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, ended_at, read_count, finding_count,
                                       policy_version, policy, app_version, workbook_sha256)
                VALUES (?, 'synthetic', ?, 'COMPLETED', ?, ?, 3, 3, 'policy-v1', '{}', 'test', ?) RETURNING id""",
                Long.class, at, dryRun, at, at, sha256);
    }

    private void finding(long run, String secret, String owner, String status, String severity, String lifecycle,
                         String type) {
        jdbc.update("""
                INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, scope, owner,
                                     policy_version)
                VALUES (?, ?, 'ROTATION', ?, ?, ?, 'rotate it', ?, 'organization', ?, 'policy-v1')""",
                run, secret, status, severity, lifecycle, type, owner);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        context.close();
        provider.shutdown();
    }
}
