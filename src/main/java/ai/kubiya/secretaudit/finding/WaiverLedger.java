package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Waiver;
import ai.kubiya.secretaudit.policy.Waivers;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records every configured waiver with a run: how many findings it waived, and how many it no longer could. */
@Component
public class WaiverLedger {

    private final JdbcTemplate jdbc;
    private final Waivers waivers;

    WaiverLedger(DataSource dataSource, Waivers waivers) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.waivers = waivers;
    }

    public void record(long runId) {
        jdbc.update("DELETE FROM run_waiver WHERE run_id = ?", runId);
        for (Waiver waiver : waivers.all()) {
            long waived = count(runId, waiver, "status = 'WAIVED'");
            long expired = count(runId, waiver, "status <> 'WAIVED'");
            String state = waived > 0 ? "APPLIED" : expired > 0 ? "EXPIRED" : "UNMATCHED";
            jdbc.update("""
                            INSERT INTO run_waiver (run_id, label, secret, rule, reason, approved_by, ticket, expires,
                                                    state, waived, expired)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    runId, waiver.label(), waiver.secret(), waiver.rule().name(), waiver.reason(), waiver.approvedBy(),
                    waiver.ticket(), Date.valueOf(waiver.expires()), state, waived, expired);
        }
    }

    public List<WaiverRow> rows(long runId) {
        return jdbc.query("""
                        SELECT secret, rule, reason, approved_by, ticket, expires, state, waived, expired
                        FROM run_waiver WHERE run_id = ? ORDER BY expires, label""",
                (rs, n) -> new WaiverRow(rs.getString(1), Rule.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7),
                        rs.getLong(8), rs.getLong(9)), runId);
    }

    private long count(long runId, Waiver waiver, String condition) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM finding WHERE run_id = ? AND waiver = ? AND " + condition,
                Long.class, runId, waiver.label());
        return count == null ? 0 : count;
    }
}
