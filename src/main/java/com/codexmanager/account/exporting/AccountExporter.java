package com.codexmanager.account.exporting;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountNotFoundException;
import com.codexmanager.account.AccountSecrets;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountTokens;
import com.codexmanager.config.DataDir;
import com.codexmanager.crypto.SecretUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exports accounts with their decrypted tokens. Accounts without a token are counted as skipped; accounts whose
 * tokens no longer decrypt are listed as skipped with the reason. Files written to disk are owner-only and replaced
 * atomically. Thread-safe.
 */
public final class AccountExporter {
    private final AccountService accounts;
    private final AccountSecrets secrets;
    private final Clock clock;

    public AccountExporter(AccountService accounts, AccountSecrets secrets, Clock clock) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Renders the accounts (all when {@code accountIds} is empty) in {@code format}; writes the files into
     * {@code outputDir} too when it is given (may be null).
     *
     * @throws AccountNotFoundException when an id is unknown
     */
    public ExportResult export(List<String> accountIds, ExportFormat format, Path outputDir) {
        List<Account> selected = accountIds.isEmpty() ? accounts.all()
                : accountIds.stream().map(accounts::require).toList();
        List<ExportCodecs.Entry> entries = new ArrayList<>();
        List<ExportResult.Skipped> skipped = new ArrayList<>();
        int missing = 0;
        for (Account account : selected) {
            try {
                Optional<AccountTokens> tokens = secrets.tokens(account.id());
                if (tokens.isEmpty()) {
                    missing++;
                    skipped.add(new ExportResult.Skipped(account.id(), "no token stored"));
                } else {
                    entries.add(new ExportCodecs.Entry(account, tokens.get()));
                }
            } catch (SecretUnavailableException e) {
                skipped.add(new ExportResult.Skipped(account.id(), e.getMessage()));
            }
        }
        List<ExportFile> files = ExportCodecs.render(format, entries, clock.instant());
        if (outputDir != null) {
            if (!java.nio.file.Files.isDirectory(outputDir)) {
                DataDir.createOwnerOnlyDirectory(outputDir);
            }
            for (ExportFile file : files) {
                DataDir.writeOwnerOnly(outputDir.resolve(file.fileName()),
                        file.content().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ExportResult(format.wireName(), selected.size(), entries.size(), missing, skipped, files,
                outputDir == null ? null : outputDir.toString());
    }
}
