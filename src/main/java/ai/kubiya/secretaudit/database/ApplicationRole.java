package ai.kubiya.secretaudit.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role the application connects as: no superuser (a superuser reads and writes any file the server can,
 * {@code pg_read_file}, {@code COPY … TO}), but the owner of the {@code postgres} database and of everything in
 * its {@code public} schema, which is all Flyway, Spring Batch and Quartz need. Set up at every start as the
 * superuser, so that a data folder an earlier version filled as {@code postgres} is handed over too.
 */
final class ApplicationRole {

    private static final Logger log = LoggerFactory.getLogger(ApplicationRole.class);
    static final String NAME = "audit";
    static final String DATABASE = "postgres";

    private static final String CREATE_IF_MISSING = """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'audit') THEN CREATE ROLE audit LOGIN; END IF;
            END $$""";
    private static final String ATTRIBUTES =
            "ALTER ROLE audit WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '%s'";
    /** Relations (a sequence that belongs to a table's column follows its table), routines and types. */
    private static final String HAND_OVER_PUBLIC_SCHEMA = """
            DO $$
            DECLARE
                statement text;
            BEGIN
                FOR statement IN
                    SELECT format('ALTER %s %s OWNER TO audit', CASE c.relkind WHEN 'v' THEN 'VIEW'
                               WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass)
                    FROM pg_class c
                    WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = 'postgres'::regrole
                      AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                      AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                    UNION ALL
                    SELECT format('ALTER ROUTINE %s OWNER TO audit', p.oid::regprocedure)
                    FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = 'postgres'::regrole
                    UNION ALL
                    SELECT format('ALTER TYPE %s OWNER TO audit', t.oid::regtype)
                    FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = 'postgres'::regrole
                      AND t.typtype IN ('d', 'e')
                LOOP
                    EXECUTE statement;
                END LOOP;
            END $$""";

    private ApplicationRole() {
    }

    /** Creates the role if missing, (re)sets its attributes and password, and hands it the database. */
    static void provision(DataSource superuser, String password) throws SQLException {
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(CREATE_IF_MISSING);
            statement.execute(ATTRIBUTES.formatted(DataFolderSetup.scram(NAME, password)));
            statement.execute("ALTER DATABASE " + DATABASE + " OWNER TO audit");
            statement.execute("ALTER SCHEMA public OWNER TO pg_database_owner");
            statement.execute(HAND_OVER_PUBLIC_SCHEMA);
            warnOfOtherRoles(statement);
        }
    }

    /** Roles nobody here creates: left by someone while an earlier version trusted every local connection? */
    private static void warnOfOtherRoles(Statement statement) throws SQLException {
        List<String> others = new ArrayList<>();
        try (ResultSet roles = statement.executeQuery("SELECT rolname FROM pg_roles WHERE rolcanlogin"
                + " AND rolname NOT IN ('postgres', 'audit') ORDER BY 1")) {
            while (roles.next()) {
                others.add(roles.getString(1));
            }
        }
        if (!others.isEmpty()) {
            log.warn("The embedded PostgreSQL has login roles this application did not create: {}. If an earlier"
                    + " version ran on a shared host, start from a new data folder.", others);
        }
    }
}
