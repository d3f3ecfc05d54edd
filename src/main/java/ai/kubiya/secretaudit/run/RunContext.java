package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.IsoTimestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What every step of a run needs to know about it, read once from the job parameters. The keys and the way the
 * values are written are those of the job executions already stored: a restart reads them back from Spring Batch's
 * tables, so neither may change.
 *
 * @param asOfDate the as-of's UTC date, the date that names workbooks and mail subjects
 */
public record RunContext(long runId, Instant asOf, LocalDate asOfDate, String source, boolean dryRun) {

    /** A {@code long}. */
    private static final String RUN_ID = "runId";
    /** An ISO-8601 instant as a string ({@link Instant#toString()}). */
    private static final String AS_OF = "asOf";
    /** The source's name as a string. */
    private static final String SOURCE = "source";
    /** {@code "true"} or {@code "false"}; written for the record, the run row is what steps read it from. */
    private static final String DRY_RUN = "dryRun";

    public RunContext {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(source, "source");
        if (!asOfDate.equals(IsoTimestamps.utcDate(asOf))) {
            throw new IllegalArgumentException("the as-of date must be the as-of's UTC date");
        }
    }

    static RunContext of(AuditRun run) {
        return new RunContext(run.id(), run.asOf(), IsoTimestamps.utcDate(run.asOf()), run.source(), run.dryRun());
    }

    /**
     * The context of the job whose parameters these are. A missing parameter is an error rather than a default:
     * a missing dry-run flag read as {@code false} would send mail.
     */
    public static RunContext from(JobParameters parameters) {
        Instant asOf = Instant.parse(required(parameters.getString(AS_OF), AS_OF));
        return new RunContext(runId(parameters), asOf, IsoTimestamps.utcDate(asOf), required(parameters.getString(SOURCE), SOURCE),
                Boolean.parseBoolean(required(parameters.getString(DRY_RUN), DRY_RUN)));
    }

    public static long runId(JobParameters parameters) {
        return required(parameters.getLong(RUN_ID), RUN_ID);
    }

    JobParameters jobParameters() {
        return new JobParametersBuilder()
                .addLong(RUN_ID, runId)
                .addString(AS_OF, asOf.toString())
                .addString(SOURCE, source)
                .addString(DRY_RUN, Boolean.toString(dryRun))
                .toJobParameters();
    }

    private static <T> T required(T value, String key) {
        if (value == null) {
            throw new IllegalStateException("the job has no " + key + " parameter");
        }
        return value;
    }
}
