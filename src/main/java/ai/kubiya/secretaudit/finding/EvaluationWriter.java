package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.AgeBasis;
import ai.kubiya.secretaudit.policy.Evaluation;
import ai.kubiya.secretaudit.policy.Finding;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.sql.Connection;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk of evaluations (inventory rows, findings, malformed records) with COPY on the chunk's
 * transaction, so a chunk is either fully persisted together with the step's restart state, or not at all.
 */
public class EvaluationWriter implements ItemWriter<Evaluation> {

    private static final String INVENTORY = "run_secret (run_id, position, name, type, scope, integration, owner,"
            + " created_at, last_used, expires_at, status, rotated_at, updated_at, age_basis)";
    private static final String FINDINGS = "finding (run_id, secret, rule, status, severity, due_date, age_days,"
            + " message, type, scope, integration, owner, policy_version, waiver, rotated_at, updated_at, age_basis)";
    private static final String MALFORMED = "malformed_record (run_id, position, reason)";

    private final DataSource dataSource;
    private final long runId;
    private final String policyVersion;
    private final Instant asOf;

    /** @param asOf the run's as-of, which decides the age basis as the rules did (a date in the future is not one) */
    public EvaluationWriter(DataSource dataSource, long runId, String policyVersion, Instant asOf) {
        this.dataSource = dataSource;
        this.runId = runId;
        this.policyVersion = policyVersion;
        this.asOf = asOf;
    }

    @Override
    public void write(Chunk<? extends Evaluation> chunk) throws Exception {
        CopyRows inventory = new CopyRows();
        CopyRows findings = new CopyRows();
        CopyRows malformed = new CopyRows();
        for (Evaluation evaluation : chunk) {
            SecretMetadata secret = evaluation.secret();
            if (secret.isMalformed()) {
                malformed.number(runId).number(secret.position()).text(MalformedRecords.reason(secret)).endRow();
                continue;
            }
            inventory.number(runId).number(secret.position()).text(secret.name()).text(evaluation.type())
                    .text(secret.scope()).text(secret.integration()).text(secret.createdBy())
                    .instant(secret.createdAt()).instant(secret.lastUsed()).instant(secret.expiresAt())
                    .text(evaluation.worst().name()).instant(secret.rotatedAt()).instant(secret.updatedAt())
                    .text(field(AgeBasis.ofRotation(secret, evaluation.type(), asOf))).endRow();
            for (Finding finding : evaluation.findings()) {
                findings.number(runId).text(finding.secret()).text(finding.rule().name()).text(finding.status().name())
                        .text(finding.severity().name()).date(finding.dueDate()).number(finding.ageDays())
                        .text(finding.message()).text(evaluation.type()).text(secret.scope())
                        .text(secret.integration()).text(secret.createdBy()).text(policyVersion)
                        .text(finding.waiver()).instant(secret.rotatedAt()).instant(secret.updatedAt())
                        .text(field(AgeBasis.of(finding, secret, evaluation.type(), asOf))).endRow();
            }
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            inventory.copyInto(connection, INVENTORY);
            findings.copyInto(connection, FINDINGS);
            malformed.copyInto(connection, MALFORMED);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static String field(AgeBasis basis) {
        return basis == null ? null : basis.field();
    }
}
