package com.codexmanager.account;

import com.codexmanager.crypto.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account pool: listing, metadata edits, ordering, deletion, status changes, and creating or updating accounts
 * from tokens (login and import) under the identity rule of {@link AccountIdentity}. Token reads and refresh writes
 * live in {@link AccountSecrets}. Thread-safe.
 */
public final class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    /** Group given to imported accounts that name none. */
    public static final String IMPORT_GROUP = "IMPORT";

    private final AccountRepository repository;
    private final SecretBox box;
    private final Clock clock;
    private final RandomGenerator random;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public AccountService(AccountRepository repository, SecretBox box, Clock clock, RandomGenerator random) {
        this.repository = repository;
        this.box = box;
        this.clock = clock;
        this.random = random;
    }

    /** What happened to one draft of {@link #upsert}. */
    public record UpsertOutcome(String accountId, boolean created) {
    }

    /** What {@link #deleteMany} did. */
    public record DeleteManyResult(int requested, int deleted, List<String> deletedAccountIds,
            List<String> notFoundAccountIds) {
    }

    /** Changes after every write that affects routing; see {@link AccountRepository#version()}. */
    public long version() {
        return repository.version();
    }

    /**
     * Told after accounts were committed: {@link #upsert} (login, import) saved them, or {@link #delete} /
     * {@link #deleteMany} removed them. Runs on the caller's thread, so it must only hand work off or update memory;
     * an exception it throws is logged and ignored.
     */
    public interface Listener {
        default void accountsSaved(List<String> accountIds) {
        }

        default void accountsDeleted(List<String> accountIds) {
        }
    }

    /** Another instance of a shared database changed accounts: caches built on {@link #version()} rebuild. */
    public void externalChange() {
        repository.externalChange();
    }

    /** Adds a listener; modules add theirs while the service is wired. */
    public void addListener(Listener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public AccountPage list(AccountQuery query) {
        releaseExpiredLimits();
        return repository.page(query);
    }

    /** Every account in pool order (sort, then most recently updated). */
    public List<Account> all() {
        releaseExpiredLimits();
        return repository.all().stream().map(AccountRow::toAccount).toList();
    }

    public Optional<Account> find(String id) {
        releaseExpiredLimits();
        return repository.find(id).map(AccountRow::toAccount);
    }

    /**
     * Marks an {@code active} or {@code limited} account {@code limited} until {@code until} (nullable: unknown, then
     * it stays limited until {@link #clearLimit}). Disabled, unavailable and banned accounts are left alone.
     *
     * @return whether the account is now limited
     */
    public boolean markLimited(String id, Instant until, String reason) {
        return repository.markLimited(id, until, reason, clock.instant());
    }

    /** Makes a {@code limited} account {@code active} again; false when it was not limited. */
    public boolean clearLimit(String id) {
        return repository.clearLimit(id, clock.instant());
    }

    /**
     * Makes every limited account whose {@code limitedUntil} has passed active again. Every read of this service and
     * of {@link AccountSecrets} does this first, so no job needs to run at the reset instant.
     */
    public List<String> releaseExpiredLimits() {
        return releaseExpiredLimits(repository, clock);
    }

    static List<String> releaseExpiredLimits(AccountRepository repository, Clock clock) {
        List<String> released = repository.releaseExpiredLimits(clock.instant());
        if (!released.isEmpty()) {
            log.info("Usage window reset: accounts {} are active again", released);
        }
        return released;
    }

    /** @throws AccountNotFoundException when no account has this id */
    public Account require(String id) {
        return find(id).orElseThrow(() -> new AccountNotFoundException(id));
    }

    /**
     * Applies a metadata patch. Status may only be set to {@code active} or {@code disabled} here (the others are
     * set by automation); a manual change clears the status reason ({@code manual_disable} for disabling).
     */
    public Account update(String id, AccountPatch patch) {
        return repository.sql().inTransaction(() -> {
            AccountRow row = repository.find(id).orElseThrow(() -> new AccountNotFoundException(id));
            AccountStatus status = row.status();
            String reason = row.statusReason();
            if (patch.status() != null && patch.status() != row.status()) {
                status = patch.status();
                reason = status == AccountStatus.DISABLED ? "manual_disable" : null;
            }
            AccountRow updated = row.withMeta(patch.label() != null ? patch.label() : row.label(),
                    patch.groupNameSet() ? patch.groupName() : row.groupName(),
                    patch.tags() != null ? patch.tags() : row.tags(),
                    patch.noteSet() ? patch.note() : row.note(),
                    patch.sort() != null ? patch.sort() : row.sort(), status, reason, clock.instant());
            repository.update(List.of(updated));
            return updated.toAccount();
        });
    }

    /**
     * Sets many sorts in one transaction (the tray's quick switch reorders the whole pool at once).
     *
     * @throws AccountNotFoundException naming the first unknown id; then nothing changes
     */
    public void updateSorts(Map<String, Integer> sorts) {
        repository.updateSorts(sorts, clock.instant());
    }

    public boolean delete(String id) {
        boolean deleted = repository.delete(id);
        if (deleted) {
            notify(listener -> listener.accountsDeleted(List.of(id)));
        }
        return deleted;
    }

    public DeleteManyResult deleteMany(List<String> ids) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        List<String> deleted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        repository.sql().inTransaction(() -> {
            for (String id : unique) {
                (repository.delete(id) ? deleted : missing).add(id);
            }
            return null;
        });
        if (!deleted.isEmpty()) {
            List<String> gone = List.copyOf(deleted);
            notify(listener -> listener.accountsDeleted(gone));
        }
        return new DeleteManyResult(unique.size(), deleted.size(), deleted, missing);
    }

    /** Sets status and reason (automation: usage exhausted, auth failure, deactivation). */
    public void markStatus(String id, AccountStatus status, String reason) {
        if (!repository.updateStatus(id, status, reason, clock.instant())) {
            throw new AccountNotFoundException(id);
        }
    }

    /** Records that the gateway just used the account. */
    public void markUsed(String id) {
        repository.markUsed(id, clock.instant());
    }

    /**
     * Creates or updates one account per draft, all in one transaction, matching existing accounts (and earlier
     * drafts of the same call) by identity. New accounts without a group get {@code defaultGroup} (may be null).
     * A re-login or re-import makes the account {@code active} again unless the user disabled it.
     *
     * @throws com.codexmanager.store.StoreException when the transaction fails; nothing is written then
     */
    public List<UpsertOutcome> upsert(List<AccountDraft> drafts, String defaultGroup) {
        List<UpsertOutcome> saved = repository.sql().inTransaction(() -> {
            Instant now = clock.instant();
            List<String> keys = new ArrayList<>();
            List<TokenClaims> claims = new ArrayList<>();
            for (AccountDraft draft : drafts) {
                TokenClaims c = draft.claims();
                claims.add(c);
                keys.add(AccountIdentity.key(c, draft.tokens()));
            }
            Map<String, AccountRow> existing = repository.findByIdentity(new LinkedHashSet<>(keys));
            Map<String, AccountRow> inserts = new LinkedHashMap<>();
            Map<String, AccountRow> updates = new HashMap<>();
            List<UpsertOutcome> outcomes = new ArrayList<>();
            int nextSort = repository.maxSort() + 1;
            for (int i = 0; i < drafts.size(); i++) {
                String key = keys.get(i);
                AccountRow before = inserts.containsKey(key) ? inserts.get(key)
                        : updates.containsKey(key) ? updates.get(key) : existing.get(key);
                AccountRow after = before == null
                        ? create(drafts.get(i), claims.get(i), key, defaultGroup, nextSort++, now)
                        : merge(before, drafts.get(i), claims.get(i), now);
                if (inserts.containsKey(key) || before == null) {
                    inserts.put(key, after);
                } else {
                    updates.put(key, after);
                }
                outcomes.add(new UpsertOutcome(after.id(), before == null));
            }
            repository.insert(new ArrayList<>(inserts.values()));
            repository.update(new ArrayList<>(updates.values()));
            return outcomes;
        });
        List<String> ids = saved.stream().map(UpsertOutcome::accountId).distinct().toList();
        notify(listener -> listener.accountsSaved(ids));
        return saved;
    }

    private void notify(java.util.function.Consumer<Listener> event) {
        for (Listener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("Account listener failed: {}", e.toString());
            }
        }
    }

    private AccountRow create(AccountDraft d, TokenClaims c, String key, String defaultGroup, int sort,
            Instant now) {
        String id = newId();
        String label = d.label() != null ? d.label() : c.email() != null ? c.email() : "Account " + id.substring(4, 10);
        AccountStatus status = d.status() == AccountStatus.DISABLED ? AccountStatus.DISABLED : AccountStatus.ACTIVE;
        return new AccountRow(id, key, label, c.email(), c.chatgptAccountId(), c.userId(), c.workspaceId(),
                c.planType(), d.groupName() != null ? d.groupName() : defaultGroup,
                d.tags() == null ? List.of() : d.tags(), d.sort() != null ? d.sort() : sort, d.note(), status,
                status == AccountStatus.DISABLED ? "manual_disable" : null,
                box.seal(d.tokens().accessToken(), AccountSecrets.context(id, "access_token")),
                sealOrNull(d.tokens().refreshToken(), id, "refresh_token"),
                sealOrNull(d.tokens().idToken(), id, "id_token"), 1, c.expiresAt(), d.lastRefreshAt(), 0, null,
                now, now, null, null);
    }

    private AccountRow merge(AccountRow row, AccountDraft d, TokenClaims c, Instant now) {
        String id = row.id();
        AccountStatus status = d.status() == AccountStatus.DISABLED || row.status() == AccountStatus.DISABLED
                ? AccountStatus.DISABLED : AccountStatus.ACTIVE;
        String refresh = d.tokens().refreshToken() != null ? sealOrNull(d.tokens().refreshToken(), id, "refresh_token")
                : row.refreshTokenSealed();
        String idToken = d.tokens().idToken() != null ? sealOrNull(d.tokens().idToken(), id, "id_token")
                : row.idTokenSealed();
        return new AccountRow(id, row.identityKey(), d.label() != null ? d.label() : row.label(),
                c.email() != null ? c.email() : row.email(),
                c.chatgptAccountId() != null ? c.chatgptAccountId() : row.chatgptAccountId(),
                c.userId() != null ? c.userId() : row.userId(),
                c.workspaceId() != null ? c.workspaceId() : row.workspaceId(),
                c.planType() != null ? c.planType() : row.planType(),
                d.groupName() != null ? d.groupName() : row.groupName(), d.tags() != null ? d.tags() : row.tags(),
                d.sort() != null ? d.sort() : row.sort(), d.note() != null ? d.note() : row.note(), status,
                status == AccountStatus.DISABLED ? row.statusReason() : null,
                box.seal(d.tokens().accessToken(), AccountSecrets.context(id, "access_token")), refresh, idToken,
                row.tokenVersion() + 1, c.expiresAt(),
                d.lastRefreshAt() != null ? d.lastRefreshAt() : row.lastRefreshAt(), 0, null, row.createdAt(), now,
                row.lastUsedAt(), null);
    }

    private String sealOrNull(String secret, String id, String field) {
        return secret == null ? null : box.seal(secret, AccountSecrets.context(id, field));
    }

    private String newId() {
        StringBuilder id = new StringBuilder("acc_");
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        for (int i = 0; i < 16; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
