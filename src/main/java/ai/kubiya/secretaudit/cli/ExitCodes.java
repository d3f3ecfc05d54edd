package ai.kubiya.secretaudit.cli;

/** The exit codes of docs/commands.md#exit-codes. */
final class ExitCodes {

    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int RUN_IN_PROGRESS = 3;
    static final int MISSING_SECRETS = 5;

    private ExitCodes() {
    }
}
