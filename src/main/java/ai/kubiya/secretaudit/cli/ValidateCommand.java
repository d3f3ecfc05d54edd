package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.run.SecretSources;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretSource;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The pre-flight check: are these secrets in the inventory? Streams the source once (stopping as soon as
 * every name is found) and never reads a secret value, whatever {@code audit.certificates.inspect-values} says.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks that the required secrets exist in the source, without starting the database. Exit 0"
                + " all present, 5 some missing, 1 the source could not be read, 2 usage or configuration error.")
class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--required", required = true, split = ",", paramLabel = "NAME",
            description = "Secret names that must exist, comma-separated.")
    List<String> required;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "control-plane, file:PATH or synthetic[:N]. Default: audit.source (AUDIT_SOURCE).")
    String source;

    @Override
    public Integer call() {
        Set<String> wanted = new LinkedHashSet<>();
        required.stream().map(String::strip).filter(name -> !name.isEmpty()).forEach(wanted::add);
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("--required names no secret");
        }
        Map<String, Object> properties = new HashMap<>();
        if (source != null) {
            properties.put("audit.source", source);
        }
        // names only: the configuration and the source are all it needs, never the database
        try (ConfigurableApplicationContext context = Preflight.start(properties, true)) {
            String effectiveSource = context.getEnvironment().getRequiredProperty("audit.source");
            SecretSource secrets = context.getBean(SecretSources.class).resolveMetadataOnly(effectiveSource);
            Set<String> present = present(secrets, wanted, context.getBean(Clock.class));
            return print(spec.commandLine().getOut(), secrets.describe(), wanted, present);
        }
    }

    private static Set<String> present(SecretSource secrets, Set<String> wanted, Clock clock) {
        Set<String> present = new HashSet<>();
        try (SecretCursor cursor = secrets.open(clock.instant())) {
            while (present.size() < wanted.size() && cursor.hasNext()) {
                String name = cursor.next().name();
                if (name != null && wanted.contains(name)) {
                    present.add(name);
                }
            }
        }
        return present;
    }

    private static int print(PrintWriter out, String source, Set<String> wanted, Set<String> present) {
        List<String> found = wanted.stream().filter(present::contains).toList();
        List<String> missing = wanted.stream().filter(name -> !present.contains(name)).toList();
        out.printf("%d of %d required secrets present in %s%n", found.size(), wanted.size(), source);
        out.println("Present: " + (found.isEmpty() ? "(none)" : String.join(", ", found)));
        out.println("Missing: " + (missing.isEmpty() ? "(none)" : String.join(", ", missing)));
        out.flush();
        return missing.isEmpty() ? ExitCodes.COMPLETED : ExitCodes.MISSING_SECRETS;
    }
}
