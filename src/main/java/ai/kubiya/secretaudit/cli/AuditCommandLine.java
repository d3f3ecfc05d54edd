package ai.kubiya.secretaudit.cli;

import java.io.PrintWriter;
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
                DaemonCommand.class})
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
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter usage = e.getCommandLine().getErr();
            usage.println("error: " + e.getMessage());
            e.getCommandLine().usage(usage);
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
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
