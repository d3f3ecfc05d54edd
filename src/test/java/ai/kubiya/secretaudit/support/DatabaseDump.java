package ai.kubiya.secretaudit.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every row of every table in the database as text (bytea columns decoded), like a {@code pg_dump}: what a
 * test searches for a value that must never be stored.
 */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    public static String allText(JdbcClient jdbc) {
        StringBuilder text = new StringBuilder();
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name""")
                .query(String.class).list();
        for (String table : tables) {
            jdbc.sql("SELECT t::text FROM " + table + " t").query(String.class).list()
                    .forEach(row -> text.append(row).append('\n'));
            List<String> binary = jdbc.sql("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = ? AND data_type = 'bytea'""")
                    .param(table).query(String.class).list();
            for (String column : binary) {
                jdbc.sql("SELECT encode(" + column + ", 'escape') FROM " + table).query(String.class).list()
                        .forEach(value -> text.append(value).append('\n'));
            }
        }
        return text.toString();
    }
}
