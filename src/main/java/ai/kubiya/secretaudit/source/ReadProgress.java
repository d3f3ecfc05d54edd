package ai.kubiya.secretaudit.source;

/**
 * How much of its input a pass has consumed, in what the source can measure: records (the synthetic source knows
 * its count) or bytes (a file's size is known; a streamed HTTP body's usually is not). Read from another thread
 * than the pass's own to log progress, so it may lag a record behind.
 *
 * @param done  records or bytes consumed so far
 * @param total the whole input in the same unit, or {@link #UNKNOWN_TOTAL}
 */
public record ReadProgress(long done, long total, Unit unit) {

    public static final long UNKNOWN_TOTAL = -1;

    /** A cursor that cannot tell how far it has got. */
    public static final ReadProgress UNKNOWN = new ReadProgress(0, UNKNOWN_TOTAL, Unit.RECORDS);

    public enum Unit { RECORDS, BYTES }

    public boolean totalKnown() {
        return total >= 0;
    }
}
