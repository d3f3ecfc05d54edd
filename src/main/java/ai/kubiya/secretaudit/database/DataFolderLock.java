package ai.kubiya.secretaudit.database;

import ai.kubiya.secretaudit.DatabaseBusyException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The embedded library's lock on the data folder ({@code epg-lock}), held by the process that uses the server for
 * as long as it does: a second {@code run} (or {@code runs}, {@code export}, {@code daemon}) on the same folder
 * finds it held and stops with exit code 3, where the library would fail with "could not lock".
 */
final class DataFolderLock {

    static final String FILE_NAME = "epg-lock";

    private DataFolderLock() {
    }

    /** @throws DatabaseBusyException when another process, or another server of this JVM, holds the lock */
    static void requireFree(Path dataDir) throws IOException {
        try {
            if (heldByAnotherProcess(dataDir)) {
                throw busy(dataDir, null);
            }
        } catch (OverlappingFileLockException e) {
            throw busy(dataDir, e);
        }
    }

    /**
     * Whether another process holds it; taken and let go at once otherwise. Never creates the file: {@code initdb}
     * refuses a new data folder that is not empty.
     *
     * @throws OverlappingFileLockException when this JVM holds it
     */
    static boolean heldByAnotherProcess(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    static DatabaseBusyException busy(Path dataDir, Throwable cause) {
        return new DatabaseBusyException("another process is using the embedded PostgreSQL in " + dataDir
                + " (a run, or runs, export or daemon); try again when it has finished", cause);
    }
}
