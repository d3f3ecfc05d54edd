package ai.kubiya.secretaudit.portal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code portal_access}: every sign-in and download, appended and never changed (docs/portal.md#access-log). */
@Repository
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class AccessLog {

    enum Action { SIGN_IN, DOWNLOAD }

    record Entry(Instant at, String subject, String email, String role, String action, String target,
                 String sha256) {
    }

    /** The page shows the latest entries; older ones stay in the table for SQL. */
    static final int PAGE = 500;

    private final JdbcClient jdbc;

    AccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String subject, String email, String role, Action action, String target, String sha256) {
        jdbc.sql("INSERT INTO portal_access (subject, email, role, action, target, sha256) VALUES (?, ?, ?, ?, ?, ?)")
                .params(subject, email, role, action.name(), target, sha256).update();
    }

    List<Entry> latest() {
        return jdbc.sql("SELECT at, subject, email, role, action, target, sha256 FROM portal_access"
                        + " ORDER BY at DESC, id DESC LIMIT ?")
                .param(PAGE)
                .query((rs, n) -> new Entry(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }
}
