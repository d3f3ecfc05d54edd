package ai.kubiya.secretaudit.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a live process is the PostgreSQL server of a given data folder — never by its name alone: a process
 * whose executable merely ends in {@code postgres} was once sent SIGTERM as if it were ours. It must run this
 * user's executable named exactly {@code postgres}, with {@code -D} naming the data folder on its command line
 * and, where {@code /proc} tells (Linux), its working directory in that folder (the postmaster changes into
 * its data folder at start).
 */
final class PostmasterProcess {

    private PostmasterProcess() {
    }

    static boolean serves(ProcessHandle process, Path dataDir) {
        ProcessHandle.Info info = process.info();
        boolean named = info.command().map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
        boolean ours = info.user().isPresent() && info.user().equals(ProcessHandle.current().info().user());
        Optional<String> folder = dataFolderArgument(info.arguments().map(List::of).orElse(List.of()));
        return named && ours && folder.isPresent() && names(folder.get(), dataDir) && worksIn(process, dataDir);
    }

    /** The value of {@code -D} ({@code -D dir} as {@code pg_ctl} passes it, or {@code -Ddir}). */
    static Optional<String> dataFolderArgument(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-D") && i + 1 < arguments.size()) {
                return Optional.of(arguments.get(i + 1));
            }
            if (argument.startsWith("-D") && argument.length() > 2) {
                return Optional.of(argument.substring(2));
            }
        }
        return Optional.empty();
    }

    /** An absolute {@code -D} is the folder; a relative one (an earlier version passed one) ends its path. */
    private static boolean names(String argument, Path dataDir) {
        Path named = Path.of(argument).normalize();
        Path absolute = dataDir.toAbsolutePath().normalize();
        return named.isAbsolute() ? sameFile(named, absolute) : absolute.endsWith(named);
    }

    private static boolean worksIn(ProcessHandle process, Path dataDir) {
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        return !Files.isDirectory(Path.of("/proc/self")) || sameFile(cwd, dataDir);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
