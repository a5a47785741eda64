package com.codexmanager.cli;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.InvalidSettingException;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.crypto.MasterKey;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.crypto.SecretKeys;
import com.codexmanager.store.DataDirInUseException;
import com.codexmanager.store.Database;
import com.codexmanager.store.DatabaseCopy;
import com.codexmanager.store.InstanceLock;
import com.codexmanager.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code codexmanager db copy --to jdbc:postgresql://…}: copies this machine's embedded database (accounts with
 * their encrypted tokens, keys, settings, usage, request logs) into an empty PostgreSQL database, so a desktop user
 * moves to a team server without logging in again. The service must be stopped (the data dir's lock says so).
 *
 * <p>Tokens stay readable on the PostgreSQL instances: with {@code CODEXMANAGER_SECRET_KEY} (or {@code _FILE})
 * set, every sealed value is re-encrypted under it; without, the data dir's own key becomes the shared secret and
 * the command says to share the data dir's key file through {@code CODEXMANAGER_SECRET_KEY_FILE}. It never
 * prints a key. Runs in this process; not thread-safe.
 */
@Command(name = "copy", description = {"Copy this machine's data into an empty PostgreSQL database.",
        "Stop the service first. The password comes from CODEXMANAGER_DB_PASSWORD, never from the command line."})
public final class DbCopyCommand implements Callable<Integer> {
    @Option(names = "--to", required = true, paramLabel = "JDBC_URL",
            description = "jdbc:postgresql://host:5432/database (empty, schema created by this command)")
    String to;

    @Option(names = "--user", paramLabel = "USER",
            description = "PostgreSQL user (default: CODEXMANAGER_DB_USER)")
    String user;

    private final CliContext context;

    public DbCopyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!to.startsWith("jdbc:postgresql://")) {
            throw new CliFailure(CliFailure.USAGE, "--to must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/"
                    + "name), not " + to);
        }
        Map<String, String> env = context.env().get();
        Settings settings = Settings.fromEnvironment(env);
        DataDir dataDir = DataDir.resolve(settings, env, context.osName(), context.userHome());
        if (!Files.exists(dataDir.databaseFile())) {
            throw new CliFailure(CliFailure.FAILED, "no database at " + dataDir.databaseFile() + " to copy");
        }
        SecureRandom random = new SecureRandom();
        try (InstanceLock lock = InstanceLock.acquire(Path.of(dataDir.h2FilePath() + ".lock"), "db copy")) {
            MasterKey sourceKey = MasterKey.loadOrCreate(dataDir.masterKeyFile(), random, context.clock());
            boolean newKey = settings.isSet(Setting.SECRET_KEY) || settings.isSet(Setting.SECRET_KEY_FILE);
            MasterKey targetKey = newKey ? SecretKeys.resolve(settings, dataDir.masterKeyFile(), true, random,
                    context.clock()) : sourceKey;
            String password = env.getOrDefault(Setting.DB_PASSWORD.envName(), "");
            String login = user != null ? user : env.getOrDefault(Setting.DB_USER.envName(), "");
            try (Database source = Database.open(dataDir);
                    Database target = Database.openPostgres(to, login, password)) {
                DatabaseCopy.Resealer resealer = sourceKey.id().equals(targetKey.id()) ? (t, c, v, row) -> v
                        : new SealedColumns(new SecretBox(sourceKey, random), new SecretBox(targetKey, random));
                context.out().println("Copying " + dataDir.databaseFile() + " into " + safe(to) + " ...");
                new DatabaseCopy(source, target, resealer).run((table, rows) ->
                        context.out().printf("  %-28s %,d rows%n", table, rows));
            }
            context.out().println();
            if (newKey) {
                context.out().println("Done. Sealed tokens were re-encrypted under CODEXMANAGER_SECRET_KEY; give the "
                        + "PostgreSQL instances the same key.");
            } else {
                context.out().println("Done. Tokens stay encrypted under this data dir's key. Copy the key file to "
                        + "every PostgreSQL instance (owner-only, it opens every stored token) and point them at it:");
                context.out().println("  " + Setting.SECRET_KEY_FILE.envName() + "=" + dataDir.masterKeyFile());
            }
            context.out().println("Next: CODEXMANAGER_DB_URL=" + safe(to) + " on each instance (see README, "
                    + "\"Several instances on PostgreSQL\").");
            return 0;
        } catch (DataDirInUseException e) {
            throw new CliFailure(CliFailure.FAILED, "the service is running on " + dataDir.root() + " (" + e.getMessage()
                    + "); stop it first so that nothing changes during the copy");
        } catch (InvalidSettingException e) {
            throw new CliFailure(CliFailure.USAGE, String.join("; ", e.problems()));
        } catch (StoreException e) {
            throw new CliFailure(CliFailure.FAILED, e.getMessage());
        }
    }

    private static String safe(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
