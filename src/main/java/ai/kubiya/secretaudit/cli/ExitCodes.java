package ai.kubiya.secretaudit.cli;

/** The exit codes of docs/commands.md#exit-codes. */
final class ExitCodes {

    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int RUN_IN_PROGRESS = 3;
    /** {@code run --fail-on}: the run completed, and a non-waived finding has one of the statuses named. */
    static final int FAIL_ON = 4;
    static final int MISSING_SECRETS = 5;
    /** {@code verify}: a stored workbook, a file in the reports dir, a link of the chain or a signature does not hold. */
    static final int EVIDENCE_BROKEN = 6;

    private ExitCodes() {
    }
}
