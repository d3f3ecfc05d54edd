package ai.kubiya.secretaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a child JVM's {@code -Xlog:gc:file=…:time} log. Heap use only peaks right before a
 * collection, so the peak of a time window is the largest "before" figure of the pauses inside it; a
 * window without a pause is bounded by the "before" figure of the next pause (the heap only grows between
 * pauses).
 */
record HeapLog(List<Pause> pauses) {

    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([^]]+)] GC\\(\\d+\\) (Pause .*?) (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    record Pause(Instant at, String kind, long beforeMb, long afterMb, long committedMb) {
    }

    /** Peak heap used in a window, and the largest live set (heap after a pause) seen in it. */
    record Window(long peakMb, long liveMb, boolean bounded) {

        String describe() {
            if (peakMb < 0) {
                return "n/a";
            }
            return (bounded ? "≤ " : "") + peakMb + " MB" + (liveMb >= 0 ? " (live " + liveMb + " MB)" : "");
        }
    }

    static HeapLog read(Path file) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    pauses.add(new Pause(OffsetDateTime.parse(m.group(1), TIME).toInstant(), m.group(2).strip(),
                            Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
                }
            }
        }
        return new HeapLog(pauses);
    }

    Window window(Instant from, Instant to) {
        long peak = -1;
        long live = -1;
        for (Pause pause : pauses) {
            if (!pause.at().isBefore(from) && !pause.at().isAfter(to)) {
                peak = Math.max(peak, pause.beforeMb());
                live = Math.max(live, pause.afterMb());
            }
        }
        if (peak >= 0) {
            return new Window(peak, live, false);
        }
        for (Pause pause : pauses) {
            if (pause.at().isAfter(to)) {
                return new Window(pause.beforeMb(), -1, true);
            }
        }
        return new Window(-1, -1, false);
    }

    Window whole() {
        return new Window(pauses.stream().mapToLong(Pause::beforeMb).max().orElse(-1),
                pauses.stream().mapToLong(Pause::afterMb).max().orElse(-1), false);
    }

    long fullCollections() {
        return pauses.stream().filter(p -> p.kind().startsWith("Pause Full")).count();
    }
}
