package com.codexmanager.account;

import com.codexmanager.config.ProxyUrl;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.logging.LogSetup;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each account's own upstream proxy (http or socks5), used for its gateway, usage and token-refresh calls instead of
 * the global {@code UPSTREAM_PROXY_URL}. Stored as the URL without its password plus the password sealed with the
 * account's SecretBox context (like its tokens); kept in memory opened, so a call never reads the database or
 * decrypts. The password never leaves through {@link #display}, logs or RPC answers (it is registered with the log
 * redactor when opened). Thread-safe: changes are serialised, lookups are lock-free.
 */
public final class AccountProxies {
    private static final Logger log = LoggerFactory.getLogger(AccountProxies.class);
    static final String PASSWORD_FIELD = "proxy_password";

    private final AccountRepository repository;
    private final SecretBox box;
    private final Clock clock;
    private final Map<String, ProxyUrl> proxies = new ConcurrentHashMap<>();

    public AccountProxies(AccountRepository repository, SecretBox box, Clock clock) {
        this.repository = repository;
        this.box = box;
        this.clock = clock;
        reload();
    }

    /** Reads every account's proxy again, e.g. after another instance of a shared database changed one. */
    public synchronized void reload() {
        Map<String, ProxyUrl> fresh = new HashMap<>();
        for (AccountRepository.StoredProxy stored : repository.proxies()) {
            try {
                fresh.put(stored.accountId(), open(stored));
            } catch (SecretUnavailableException | IllegalArgumentException e) {
                log.warn("Account {} has a proxy that cannot be used ({}); its calls use the global proxy",
                        stored.accountId(), e.getMessage());
            }
        }
        proxies.keySet().retainAll(fresh.keySet());
        proxies.putAll(fresh);
    }

    /** The account's own proxy; empty when it uses the global one. Memory only. */
    public Optional<ProxyUrl> of(String accountId) {
        return Optional.ofNullable(proxies.get(accountId));
    }

    /** The account's proxy as users see it (password as {@link ProxyUrl#MASK}); {@code null} when none. */
    public String display(String accountId) {
        ProxyUrl proxy = proxies.get(accountId);
        return proxy == null ? null : proxy.toString();
    }

    /**
     * Sets or clears the account's proxy. A URL whose password is {@link ProxyUrl#MASK} (what {@link #display}
     * showed) keeps the stored password.
     *
     * @param text http://, socks5://, socks5h:// URL; {@code null} or blank clears
     * @throws IllegalArgumentException with a message after the field name ("proxyUrl: …"), never the password
     * @throws AccountNotFoundException when the id is unknown
     */
    public synchronized void set(String accountId, String text) {
        ProxyUrl parsed;
        try {
            parsed = text == null ? null : ProxyUrl.parse(text).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proxyUrl: " + e.getMessage());
        }
        if (parsed != null && ProxyUrl.MASK.equals(parsed.password())) {
            ProxyUrl stored = proxies.get(accountId);
            parsed = parsed.withPassword(stored == null ? null : stored.password());
        }
        String sealed = null;
        if (parsed != null && parsed.password() != null) {
            parsed.passwordForms().forEach(LogSetup::registerSecret);
            sealed = box.seal(parsed.password(), AccountSecrets.context(accountId, PASSWORD_FIELD));
        }
        String withoutPassword = parsed == null ? null : parsed.withPassword(null).canonical();
        if (!repository.updateProxy(accountId, withoutPassword, sealed, clock.instant())) {
            throw new AccountNotFoundException(accountId);
        }
        if (parsed == null) {
            proxies.remove(accountId);
        } else {
            proxies.put(accountId, parsed);
        }
        log.info("Account {} uses {}", accountId, parsed == null ? "the global proxy" : parsed);
    }

    /** Drops a deleted account's proxy from memory (its row went with it). */
    public void forget(String accountId) {
        proxies.remove(accountId);
    }

    private ProxyUrl open(AccountRepository.StoredProxy stored) {
        ProxyUrl url = ProxyUrl.parse(stored.url()).orElseThrow(() -> new IllegalArgumentException("empty URL"));
        if (stored.sealedPassword() == null) {
            return url;
        }
        String password = box.open(stored.sealedPassword(), AccountSecrets.context(stored.accountId(),
                PASSWORD_FIELD));
        ProxyUrl opened = url.withPassword(password);
        opened.passwordForms().forEach(LogSetup::registerSecret);
        return opened;
    }
}
