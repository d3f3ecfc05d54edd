package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.report.WorkbookStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a past run's auditor workbook from PostgreSQL, checksum verified.")
class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "ID|latest", description = "The run id, or 'latest'.")
    String run;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the .xlsx.")
    Path out;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
            WorkbookStore store = context.getBean(WorkbookStore.class);
            long runId = store.resolve(run)
                    .orElseThrow(() -> new IllegalArgumentException("no completed run has a stored workbook"));
            WorkbookStore.Stored stored = store.load(runId)
                    .orElseThrow(() -> new IllegalArgumentException("run " + runId + " has no stored workbook"));
            WorkbookStore.writeTo(stored, out);
            spec.commandLine().getOut().printf("Run %d workbook written to %s (%d bytes, SHA-256 %s, verified)%n",
                    runId, out, stored.content().length, stored.sha256());
            spec.commandLine().getOut().flush();
            return ExitCodes.COMPLETED;
        }
    }
}
