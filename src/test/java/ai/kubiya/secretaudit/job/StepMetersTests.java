package ai.kubiya.secretaudit.job;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.notify.MailCounts;
import ai.kubiya.secretaudit.source.ReadProgress;
import ai.kubiya.secretaudit.source.ReadProgress.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a progress line says of the work done, for each kind of total a source can know. */
class StepMetersTests {

    @Test
    void aSyntheticSourceKnowsItsRecordCount() {
        assertThat(StepMeters.records(96_000, new ReadProgress(96_000, 200_000, Unit.RECORDS)))
                .isEqualTo("96,000 of 200,000 records read (48%)");
    }

    @Test
    void aFileIsMeasuredInBytesOfItsSize() {
        assertThat(StepMeters.records(41_000, new ReadProgress(12_345_678, 61_000_000, Unit.BYTES)))
                .isEqualTo("41,000 records read, 12.3 of 61.0 MB (20%)");
    }

    @Test
    void aStreamedListOfUnknownSizeSaysOfQuestionMark() {
        assertThat(StepMeters.records(8_000, new ReadProgress(3_500_000, ReadProgress.UNKNOWN_TOTAL, Unit.BYTES)))
                .isEqualTo("8,000 of ? records read (3.5 MB received)");
        assertThat(StepMeters.records(0, ReadProgress.UNKNOWN)).isEqualTo("0 of ? records read");
    }

    @Test
    void theEmailStepsCountTheRunsOutboxRows() {
        assertThat(StepMeters.emails(new MailCounts.RunMail(1_995, 1_200, 3)))
                .isEqualTo("emails queued 1,995, sent 1,200, failed 3");
    }

    @Test
    void theWorkbookStepCountsTheRowsItHasTakenSinceItStarted() {
        StepMeters meters = new StepMeters(null);
        ProgressLog.Meter meter = meters.forStep(StepMeters.WORKBOOK, 1);
        List<String> sink = new ArrayList<>();

        RowSource<String> letters = rows -> List.of("a", "b", "c").forEach(rows);
        meters.counted(letters).forEach(sink::add);

        assertThat(sink).containsExactly("a", "b", "c");
        assertThat(meter.measure(Duration.ofSeconds(1))).isEqualTo("3 rows written, 3/s");
        assertThat(meters.forStep(StepMeters.WORKBOOK, 1).measure(Duration.ofSeconds(1))).startsWith("0 rows written");
        assertThat(meters.forStep("finishRunStep", 1)).isNull();
    }
}
