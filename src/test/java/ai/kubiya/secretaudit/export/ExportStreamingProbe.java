package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * Run in a JVM of its own with a small heap: writes {@code args[0]} generated findings in every format to a stream
 * that only counts, and prints {@code FORMAT=BYTES} per format.
 */
final class ExportStreamingProbe {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        RowSource<FindingRow> findings = sink -> {
            for (int i = 0; i < count; i++) {
                sink.accept(new FindingRow("secret-" + i, "token", "org", "github", "owner" + i % 97 + "@acme.example",
                        Rule.ROTATION, Status.OVERDUE, Severity.HIGH, LocalDate.of(2026, 1, 1).plusDays(i % 300),
                        60 + i % 300, "OPEN", "Last rotated " + (60 + i % 300) + " days ago; rotate it", null));
            }
        };
        for (FindingsWriter writer : new FindingsWriter[] {new CsvFindingsWriter(), new JsonFindingsWriter(),
                new OcsfFindingsWriter()}) {
            Counting out = new Counting();
            writer.write(Findings.run(false), findings, out);
            System.out.println(writer.getClass().getSimpleName() + "=" + out.bytes);
        }
    }

    private static final class Counting extends OutputStream {

        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
