package ai.kubiya.secretaudit.bench;

import ai.kubiya.secretaudit.finding.EvaluationWriter;
import ai.kubiya.secretaudit.policy.Evaluation;
import ai.kubiya.secretaudit.policy.RotationPolicy;
import ai.kubiya.secretaudit.policy.RuleEvaluator;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.synthetic.SyntheticSecretSource;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The persistence part of evaluateSecretsStep against its baseline (b), both into empty tables with the
 * indexes and constraints of the job's own ({@code CREATE TABLE … (LIKE public.… INCLUDING ALL)}):
 * <ul>
 *   <li>the job's {@link EvaluationWriter} over the same inventory, chunk by chunk (2,000, one transaction
 *       each, as the step does), timing only its writes and commits;</li>
 *   <li>a bare PostgreSQL {@code COPY FROM} of the very rows the job stored, copied out of its tables.</li>
 * </ul>
 */
final class PersistenceBaselines {

    static final String INVENTORY = "run_secret";
    static final String FINDINGS = "finding";
    static final String MALFORMED = "malformed_record";
    private static final List<String[]> TABLES = List.of(
            new String[] {INVENTORY, "run_id, position, name, type, scope, integration, owner, created_at, last_used,"
                    + " expires_at, status"},
            new String[] {FINDINGS, "run_id, secret, rule, status, severity, due_date, age_days, message, type, scope,"
                    + " integration, owner, policy_version, waiver"},
            new String[] {MALFORMED, "run_id, position, reason"});
    private static final int CHUNK = 2000;

    record Timing(long nanos, long rows) {
    }

    private PersistenceBaselines() {
    }

    /** Copies the run's rows out to files and COPYs them into fresh tables of schema {@code copy_baseline}. */
    static Timing copy(String jdbcUrl, long runId, Path dir) throws SQLException, IOException {
        try (Connection connection = SingleConnection.open(jdbcUrl)) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            freshSchema(connection, "copy_baseline");
            List<Path> files = new ArrayList<>();
            for (String[] table : TABLES) {
                Path file = dir.resolve(table[0] + ".copy");
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    copy.copyOut("COPY (SELECT " + table[1] + " FROM public." + table[0] + " WHERE run_id = " + runId
                            + ") TO STDOUT", out);
                }
                files.add(file);
            }
            connection.commit();
            long rows = 0;
            long start = System.nanoTime();
            for (int i = 0; i < TABLES.size(); i++) {
                try (Reader in = Files.newBufferedReader(files.get(i), StandardCharsets.UTF_8)) {
                    rows += copy.copyIn("COPY copy_baseline." + TABLES.get(i)[0] + " (" + TABLES.get(i)[1]
                            + ") FROM STDIN", in);
                }
            }
            connection.commit();
            long nanos = System.nanoTime() - start;
            for (Path file : files) {
                Files.delete(file);
            }
            return new Timing(nanos, rows);
        }
    }

    /** Evaluates {@code synthetic:count} again and times the job's writer storing it in schema {@code writer_bench}. */
    static Timing evaluationWriter(String jdbcUrl, int count, Instant asOf, String policyVersion)
            throws Exception {
        try (Connection connection = SingleConnection.open(jdbcUrl)) {
            freshSchema(connection, "writer_bench");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO writer_bench");
            }
            connection.commit();
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
            EvaluationWriter writer = new EvaluationWriter(dataSource, 1, policyVersion, asOf);
            RuleEvaluator evaluator = new RuleEvaluator(RotationPolicy.defaults());
            long nanos = 0;
            long rows = 0;
            try (SecretCursor secrets = new SyntheticSecretSource(count).open(asOf)) {
                List<Evaluation> chunk = new ArrayList<>(CHUNK);
                while (secrets.hasNext()) {
                    SecretMetadata secret = secrets.next();
                    chunk.add(secret.isMalformed() ? new Evaluation(secret, null, List.of(), Status.OK)
                            : evaluator.evaluate(secret, asOf));
                    if (chunk.size() == CHUNK || !secrets.hasNext()) {
                        long start = System.nanoTime();
                        writer.write(new Chunk<>(chunk));
                        connection.commit();
                        nanos += System.nanoTime() - start;
                        rows += chunk.size() + chunk.stream().mapToLong(e -> e.findings().size()).sum();
                        chunk.clear();
                    }
                }
            }
            return new Timing(nanos, rows);
        }
    }

    private static void freshSchema(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
            for (String[] table : TABLES) {
                statement.execute("CREATE TABLE " + schema + "." + table[0] + " (LIKE public." + table[0]
                        + " INCLUDING ALL)");
                copyStorageParameters(statement, schema, table[0]);
            }
        }
        connection.commit();
    }

    /** LIKE … INCLUDING ALL leaves out storage parameters: finding's fillfactor (V15) decides how COPY fills pages. */
    private static void copyStorageParameters(Statement statement, String schema, String table) throws SQLException {
        String options;
        try (ResultSet rs = statement.executeQuery("SELECT array_to_string(reloptions, ', ') FROM pg_class"
                + " WHERE oid = 'public." + table + "'::regclass")) {
            options = rs.next() ? rs.getString(1) : null;
        }
        if (options != null && !options.isEmpty()) {
            statement.execute("ALTER TABLE " + schema + "." + table + " SET (" + options + ")");
        }
    }

    static final class SingleConnection {

        private SingleConnection() {
        }

        static Connection open(String jdbcUrl) throws SQLException {
            Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", null);
            connection.setAutoCommit(false);
            return connection;
        }
    }
}
