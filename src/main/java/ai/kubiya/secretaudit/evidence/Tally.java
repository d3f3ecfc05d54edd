package ai.kubiya.secretaudit.evidence;

import java.util.ArrayList;
import java.util.List;

/** What {@code verify} checked, for the one line it prints when everything holds. */
final class Tally {

    int chained;
    int dryRuns;
    int removed;
    Long firstRun;
    Long lastRun;
    Long keptStart;
    Long keptStartPrevious;
    int workbookFiles;
    int storedWorkbooks;
    int signaturesVerified;
    int signaturesUnchecked;
    int unsigned;
    int outsideChain;

    void chained(long run) {
        chained++;
        firstRun = firstRun == null ? run : firstRun;
        lastRun = run;
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(chained == 0 ? "no manifest sealed yet" : chained + " manifest(s) chained, runs " + firstRun + " to "
                + lastRun + (dryRuns > 0 ? " (" + dryRuns + " dry run(s))" : ""));
        if (removed > 0) {
            parts.add(removed + " removed by retention: the kept chain starts at run " + keptStart
                    + (keptStartPrevious == null ? "" : ", whose previous, run " + keptStartPrevious + ", was removed"));
        }
        parts.add(workbookFiles + " workbook file(s) and " + storedWorkbooks + " stored workbook(s) match");
        parts.add(signatures());
        if (outsideChain > 0) {
            parts.add(outsideChain + " run(s) outside the chain (failed, or completed before it) match their recorded"
                    + " SHA-256");
        }
        return "verified: " + String.join("; ", parts);
    }

    private String signatures() {
        if (signaturesVerified + signaturesUnchecked == 0) {
            return "no manifest is signed";
        }
        String signed = signaturesVerified > 0 ? signaturesVerified + " signature(s) verified"
                : signaturesUnchecked + " signature(s) not checked (no --public-key)";
        return signed + (unsigned > 0 ? ", " + unsigned + " manifest(s) unsigned" : "");
    }
}
