package ai.kubiya.secretaudit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters a run is launched with are read back from Spring Batch's tables when it restarts, so their keys
 * and forms are those every earlier version wrote; the context read from them carries the as-of's UTC date.
 */
class RunContextPropertyTests {

    private static final Instant AS_OF = Instant.parse("2026-03-31T23:30:00Z");

    /** What the launcher wrote before the keys became constants, literally. */
    private static JobParameters earlierVersionParameters(long runId, Instant asOf, String source, boolean dryRun) {
        return new JobParametersBuilder()
                .addLong("runId", runId)
                .addString("asOf", asOf.toString())
                .addString("source", source)
                .addString("dryRun", Boolean.toString(dryRun))
                .toJobParameters();
    }

    @Example
    void theParametersAreWrittenUnderTheKeysAndInTheFormsEarlierVersionsStored() {
        RunContext context = new RunContext(7, AS_OF, LocalDate.of(2026, 3, 31), "synthetic:5", true);

        assertThat(context.jobParameters()).isEqualTo(earlierVersionParameters(7, AS_OF, "synthetic:5", true));
    }

    @Example
    void aRunStartedByAnEarlierVersionIsReadBackWhole() {
        RunContext context = RunContext.from(earlierVersionParameters(7, AS_OF, "synthetic:5", true));

        assertThat(context).isEqualTo(new RunContext(7, AS_OF, LocalDate.of(2026, 3, 31), "synthetic:5", true));
        assertThat(RunContext.runId(earlierVersionParameters(7, AS_OF, "synthetic:5", false))).isEqualTo(7);
    }

    @Property
    void theAsOfDateIsTheUtcDateOfTheAsOfWhateverTheInstant(
            @ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond, @ForAll boolean dryRun) {
        Instant asOf = Instant.ofEpochSecond(epochSecond);

        RunContext context = RunContext.from(earlierVersionParameters(1, asOf, "file", dryRun));

        assertThat(context.asOfDate()).isEqualTo(asOf.atOffset(ZoneOffset.UTC).toLocalDate());
        assertThat(RunContext.from(context.jobParameters())).isEqualTo(context);
    }

    @Example
    void aDateThatIsNotTheUtcDateOfTheAsOfIsRefused() {
        assertThatThrownBy(() -> new RunContext(7, AS_OF, LocalDate.of(2026, 4, 1), "file", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the as-of date must be the as-of's UTC date");
    }

    @Example
    void aMissingDryRunFlagIsAnErrorNotARealRun() {
        JobParameters withoutDryRun = new JobParametersBuilder()
                .addLong("runId", 7L).addString("asOf", AS_OF.toString()).addString("source", "file")
                .toJobParameters();

        assertThatThrownBy(() -> RunContext.from(withoutDryRun))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the job has no dryRun parameter");
    }
}
