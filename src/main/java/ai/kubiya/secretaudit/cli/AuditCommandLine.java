package ai.kubiya.secretaudit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code secret-rotation-audit COMMAND [options]}; every failure becomes one of the exit codes of docs/commands.md#exit-codes. */
@Command(name = "secret-rotation-audit", mixinStandardHelpOptions = true,
        description = "Audits the rotation of Kubiya Control Plane secrets (metadata only).",
        subcommands = {RunCommand.class, RunsCommand.class, ValidateCommand.class, ExportCommand.class,
                DaemonCommand.class})
public class AuditCommandLine implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new AuditCommandLine());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(AuditCommandLine::handle);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter usage = e.getCommandLine().getErr();
            usage.println(e.getMessage());
            e.getCommandLine().usage(usage);
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof ApplicationContexts.ConfigurationError || e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return ExitCodes.FAILED;
    }
}
