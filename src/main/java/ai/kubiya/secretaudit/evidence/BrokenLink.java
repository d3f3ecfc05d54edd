package ai.kubiya.secretaudit.evidence;

/** The first thing {@code verify} found that does not hold: one line naming the run or file and what is wrong. */
class BrokenLink extends RuntimeException {

    BrokenLink(String message) {
        super(message, null, false, false);
    }
}
