package com.codexmanager.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where CodexManager keeps its files: the database, the RPC token, the master key, logs and the trace log.
 *
 * <p>Default per OS (Linux {@code $XDG_DATA_HOME/codexmanager} or {@code ~/.local/share/codexmanager}, Windows
 * {@code %APPDATA%\CodexManager}, macOS {@code ~/Library/Application Support/CodexManager}); when
 * {@code CODEXMANAGER_DB_PATH} is set, its folder is the data dir. Immutable.
 */
public record DataDir(Path root, Path databaseFile) {
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    public static final String DB_FILE_NAME = "codexmanager.mv.db";

    /** Resolves the data dir from settings and the environment ({@code os.name}, {@code user.home}, XDG, APPDATA). */
    public static DataDir resolve(Settings settings, Map<String, String> env, String osName, Path userHome) {
        if (settings.isSet(Setting.DB_PATH)) {
            Path db = Path.of(settings.text(Setting.DB_PATH)).toAbsolutePath().normalize();
            Path parent = db.getParent() == null ? Path.of(".").toAbsolutePath() : db.getParent();
            return new DataDir(parent, db);
        }
        Path root = defaultRoot(env, osName, userHome);
        return new DataDir(root, root.resolve(DB_FILE_NAME));
    }

    static Path defaultRoot(Map<String, String> env, String osName, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData == null || appData.isBlank() ? userHome.resolve("AppData").resolve("Roaming")
                    : Path.of(appData);
            return base.resolve("CodexManager");
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("CodexManager");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute()
                ? userHome.resolve(".local").resolve("share") : Path.of(xdg);
        return base.resolve("codexmanager");
    }

    /** JDBC path of the database: H2 appends {@code .mv.db} itself, so a trailing one is removed. */
    public String h2FilePath() {
        String path = databaseFile.toString();
        return path.endsWith(".mv.db") ? path.substring(0, path.length() - ".mv.db".length()) : path;
    }

    public Path rpcTokenFile() {
        return root.resolve("codexmanager.rpc-token");
    }

    public Path masterKeyFile() {
        return root.resolve("codexmanager.key");
    }

    public Path lockFile() {
        return root.resolve("codexmanager.lock");
    }

    public Path logDir() {
        return root.resolve("logs");
    }

    /** Written by a running desktop with its embedded service's {@code baseUrl=} (how other tools find it). */
    public Path desktopInstanceFile() {
        return root.resolve("codexmanager.desktop");
    }

    public Path traceLog() {
        return root.resolve("gateway-trace.log");
    }

    /** Creates the data dir (and logs dir) with owner-only permissions where the file system supports them. */
    public void create() {
        createOwnerOnlyDirectory(root);
        createOwnerOnlyDirectory(logDir());
    }

    public static void createOwnerOnlyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (posix()) {
                Files.setPosixFilePermissions(dir, OWNER_DIR);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }

    /** Restricts an existing file to its owner (no-op where POSIX permissions are not supported). */
    public static void restrictToOwner(Path file) {
        try {
            if (posix() && Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict permissions of " + file, e);
        }
    }

    /** Creates an empty owner-only file unless it exists; an existing one is restricted to its owner. */
    public static void createOwnerOnlyFile(Path file) {
        try {
            if (Files.notExists(file)) {
                if (posix()) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
                } else {
                    Files.createFile(file);
                }
                return;
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // created meanwhile by someone else: restrict it below
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        restrictToOwner(file);
    }

    /** Writes {@code content} to a new owner-only file atomically (temp file + move). */
    public static void writeOwnerOnly(Path file, byte[] content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            }
            Files.write(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
