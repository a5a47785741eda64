package com.codexmanager.account.importing;

import com.codexmanager.account.AccountDraft;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountService.UpsertOutcome;
import com.codexmanager.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports accounts in batches: each batch is one transaction; if a batch fails as a whole, its items are retried
 * one by one so a single bad row fails alone and never leaves partial rows. Items without a group go to
 * {@value AccountService#IMPORT_GROUP}. Progress is published after every batch. Thread-safe (no shared state
 * between calls).
 */
public final class AccountImporter {
    private static final Logger log = LoggerFactory.getLogger(AccountImporter.class);
    static final int MAX_ERRORS = 1000;

    private final AccountService accounts;

    public AccountImporter(AccountService accounts) {
        this.accounts = accounts;
    }

    public ImportResult importContents(String importId, List<String> contents, int batchSize,
            Consumer<ImportProgress> progress) {
        Run run = new Run(importId, Math.max(1, batchSize), progress);
        ImportReader reader = new ImportReader(run::accept);
        for (String content : contents) {
            reader.read(content);
        }
        run.flush();
        progress.accept(run.progress(true));
        log.info("Account import {}: {} items, {} created, {} updated, {} failed, {} skipped", importId,
                reader.total(), run.created, run.updated, run.failed, reader.skipped());
        return new ImportResult(reader.total(), run.created, run.updated, run.failed, reader.skipped(), run.errors,
                run.failed > run.errors.size(), run.accountIds);
    }

    private final class Run {
        private final String importId;
        private final int batchSize;
        private final Consumer<ImportProgress> progress;
        private final List<ImportReader.Item> batch = new ArrayList<>();
        private final List<ImportResult.Error> errors = new ArrayList<>();
        private final List<String> accountIds = new ArrayList<>();
        private int processed;
        private int created;
        private int updated;
        private int failed;

        Run(String importId, int batchSize, Consumer<ImportProgress> progress) {
            this.importId = importId;
            this.batchSize = batchSize;
            this.progress = progress;
        }

        void accept(ImportReader.Item item) {
            if (!item.ok()) {
                error(item.index(), item.error());
                processed++;
                return;
            }
            batch.add(item);
            if (batch.size() >= batchSize) {
                flush();
                progress.accept(progress(false));
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<AccountDraft> drafts = batch.stream().map(ImportReader.Item::draft).toList();
            try {
                record(accounts.upsert(drafts, AccountService.IMPORT_GROUP));
            } catch (StoreException e) {
                log.warn("Import batch of {} failed ({}); retrying item by item", batch.size(), e.code());
                for (ImportReader.Item item : batch) {
                    try {
                        record(accounts.upsert(List.of(item.draft()), AccountService.IMPORT_GROUP));
                    } catch (StoreException single) {
                        error(item.index(), "could not be stored (" + single.code() + ")");
                    }
                }
            }
            processed += batch.size();
            batch.clear();
        }

        private void record(List<UpsertOutcome> outcomes) {
            for (UpsertOutcome outcome : outcomes) {
                if (outcome.created()) {
                    created++;
                } else {
                    updated++;
                }
                accountIds.add(outcome.accountId());
            }
        }

        private void error(int index, String message) {
            failed++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(new ImportResult.Error(index, message));
            }
        }

        ImportProgress progress(boolean done) {
            return new ImportProgress(importId, processed, created, updated, failed, done);
        }
    }
}
