package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists past audit runs, newest first.")
class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", defaultValue = "50", description = "How many runs to list (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be 1 or more (was " + limit + ")");
        }
        try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-6s %-20s %-10s %8s %8s %9s %8s  %-12s %s%n",
                    "RUN", "AS OF", "STATUS", "READ", "MALFORM", "FINDINGS", "DRY RUN", "POLICY", "SOURCE");
            for (AuditRun run : context.getBean(AuditRunRepository.class).latest(limit)) {
                out.printf("%-6d %-20s %-10s %8d %8d %9d %8s  %-12s %s%n", run.id(), run.asOf(), run.status(),
                        run.read(), run.malformed(), run.findings(), run.dryRun() ? "yes" : "no",
                        run.policyVersion(), run.source());
            }
            out.flush();
            return ExitCodes.COMPLETED;
        }
    }
}
