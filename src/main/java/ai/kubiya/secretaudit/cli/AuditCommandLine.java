package ai.kubiya.secretaudit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code secret-rotation-audit COMMAND [options]}; every failure becomes one of the exit codes of docs/commands.md#exit-codes. */
@Command(name = "secret-rotation-audit", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Audits the rotation of Kubiya Control Plane secrets (metadata only).",
        subcommands = {RunCommand.class, RunsCommand.class, ValidateCommand.class, ExportCommand.class,
                VerifyCommand.class, DaemonCommand.class, ServeCommand.class})
public class AuditCommandLine implements Callable<Integer> {

    private static final String DEBUG = "--debug";

    @Spec
    CommandSpec spec;

    @Option(names = DEBUG, scope = ScopeType.INHERIT,
            description = "On a failure, print its stack trace after the error line.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        ApplicationClasses.startScan();
        CommandLine commandLine = new CommandLine(new AuditCommandLine());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.getSubcommands().values().forEach(command -> command.getCommandSpec()
                .versionProvider(new BuildVersion()));
        commandLine.setExecutionExceptionHandler((e, command, parseResult) ->
                Failures.report(e, command.getErr(), debug(parseResult)));
        commandLine.setParameterExceptionHandler((e, arguments) -> usageError(e));
        return commandLine.execute(args);
    }

    /**
     * One line, like every other failure, and a pointer to the help: the whole usage text (45 lines for
     * {@code run}) used to follow it and bury the one thing wrong.
     */
    private static int usageError(CommandLine.ParameterException e) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + (e instanceof CommandLine.UnmatchedArgumentException unmatched ? unmatched(unmatched)
                : e.getMessage().lines().findFirst().orElse("")) + " (see '"
                + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * The unknown options by name only: what follows a name's {@code =}, and an argument that is no option, may be
     * a value typed by mistake ({@code --api-key=…}), so it is never printed.
     */
    private static String unmatched(CommandLine.UnmatchedArgumentException e) {
        List<String> options = e.getUnmatched().stream().filter(argument -> argument.startsWith("-"))
                .map(argument -> "'" + argument.split("=", 2)[0] + "'").distinct().toList();
        if (!options.isEmpty()) {
            return suggesting((options.size() == 1 ? "Unknown option: " : "Unknown options: ")
                    + String.join(", ", options), e.getSuggestions());
        }
        if (e.getCommandLine().getSubcommands().isEmpty()) {
            return "unexpected argument (not shown: it may be a value); options start with --";
        }
        // where a command's name is expected: a misspelt name, not a value (picocli suggests nothing for "rn")
        String typed = e.getUnmatched().get(0);
        return suggesting("Unknown command: '" + typed + "'", e.getCommandLine().getSubcommands().keySet().stream()
                .filter(name -> Levenshtein.distance(typed, name) <= 2).toList());
    }

    private static String suggesting(String line, List<String> suggestions) {
        return suggestions.isEmpty() ? line : line + "; did you mean " + String.join(" or ", suggestions) + "?";
    }

    /** {@code --debug} before or after the command's name. */
    private static boolean debug(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }
}
