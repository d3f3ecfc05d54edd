package ai.kubiya.secretaudit.database;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A folder only this user can change, for what the embedded PostgreSQL runs and keeps. The library's default
 * ({@code $TMPDIR/embedded-pg}, mode 777 without the sticky bit) let another local user replace
 * {@code bin/postgres}, which the next run executed.
 */
final class PrivateFolder {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final UnixSystem USER = new UnixSystem();
    private static final long ROOT = 0;
    private static final int STICKY = 01000;

    private PrivateFolder() {
    }

    /**
     * Creates {@code dir} (and any missing parent) for this user only, or checks the one there: it must be a
     * real directory of this user's that nobody else can add to or rename in, below folders that nobody but this
     * user or root can change. Leaves it at mode 0700.
     *
     * @throws IllegalStateException naming the folder and what is wrong with it
     */
    static Path prepare(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        createMissing(absolute);
        for (Path ancestor = absolute.getParent().toRealPath(); ancestor != null; ancestor = ancestor.getParent()) {
            long owner = uid(ancestor);
            if ((owner != ROOT && owner != USER.getUid()) || (othersMayWrite(ancestor) && (mode(ancestor) & STICKY) == 0)) {
                throw new IllegalStateException("refusing to use " + absolute + ": " + describe(ancestor)
                        + " lets another user replace it; choose a folder below folders only this user or root"
                        + " can change");
            }
        }
        if (!Files.isDirectory(absolute, NOFOLLOW_LINKS)) {
            throw new IllegalStateException("refusing to use " + absolute + ": it is not a directory (a link?)");
        }
        requireOnlyOurs(absolute);
        Files.setPosixFilePermissions(absolute, OWNER_ONLY);
        return absolute;
    }

    /**
     * {@code path} belongs to this user and nobody else may change it (a link's own mode means nothing).
     *
     * @throws IllegalStateException naming it, its mode and owner
     */
    static void requireOnlyOurs(Path path) throws IOException {
        if (uid(path) != USER.getUid() || (!Files.isSymbolicLink(path) && othersMayWrite(path))) {
            throw new IllegalStateException("refusing to use " + path + ": it must belong to this user (uid "
                    + USER.getUid() + ") and nobody else may write to it (" + describe(path) + ")");
        }
    }

    /**
     * Others, or a group other than this user's own (the user-private group a umask of 002 assumes), may write
     * to it: for a folder, write and search permission together (to add, delete or rename entries).
     */
    static boolean othersMayWrite(Path path) throws IOException {
        int mode = mode(path);
        int write = Files.isDirectory(path, NOFOLLOW_LINKS) ? 03 : 02;
        boolean groupMayWrite = ((mode >> 3) & write) == write && !isOurOwnGroup(path);
        return (mode & write) == write || groupMayWrite;
    }

    static long currentUid() {
        return USER.getUid();
    }

    static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", NOFOLLOW_LINKS) & 07777;
    }

    private static boolean isOurOwnGroup(Path path) throws IOException {
        long gid = ((Number) Files.getAttribute(path, "unix:gid", NOFOLLOW_LINKS)).longValue();
        String group = ((java.nio.file.attribute.GroupPrincipal) Files.getAttribute(path, "unix:group",
                NOFOLLOW_LINKS)).getName();
        return gid == USER.getGid() && group.equals(USER.getUsername());
    }

    /** Creates {@code dir} and its missing parents with mode 0700, whatever the umask lets through. */
    static void createMissing(Path dir) throws IOException {
        if (Files.exists(dir, NOFOLLOW_LINKS)) {
            return;
        }
        createMissing(dir.getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    private static long uid(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:uid", NOFOLLOW_LINKS)).longValue();
    }

    private static String describe(Path path) throws IOException {
        return String.format("%s is mode %04o, uid %d", path, mode(path), uid(path));
    }
}
