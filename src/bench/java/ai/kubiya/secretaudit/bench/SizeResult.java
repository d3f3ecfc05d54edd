package ai.kubiya.secretaudit.bench;

/** Everything measured for one inventory size: the job's run and the baselines beside it. */
final class SizeResult {

    final int size;
    JobProcess.Result job;
    long inventoryBytes;
    long jsonTokens;
    long jacksonNanos;
    long jsonReaderNanos;
    PersistenceBaselines.Timing copy;
    PersistenceBaselines.Timing writer;
    RawWorkbook.Written rawWorkbook;
    RawWorkbook.Written rawOwnerWorkbooks;
    SmtpBaseline.Sent smtp;
    int receivedByServer;
    int receivedByBaseline;
    String policyVersion;
    String runStatus;
    long evaluated;
    long findings;
    long owners;
    long ownerEmails;
    long averageEmailBytes;
    long workbookBytes;
    String loadAverage;

    SizeResult(int size) {
        this.size = size;
    }
}
