package com.codexmanager.apikey;

import com.codexmanager.logging.LogSetup;
import com.codexmanager.store.StoreException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platform keys: create (the key is returned once, only its SHA-256 and a display prefix are stored), edit,
 * enable/disable, delete, and the per-request {@link #authenticate} lookup.
 *
 * <p>All keys are cached in memory by hash; {@link #authenticate} is one SHA-256 plus one hash-map lookup and never
 * touches the database. Every change rewrites the database first and then republishes the cache, so a disabled or
 * deleted key is refused from the next request on. Lookup compares digests only (never the presented text), so
 * its timing reveals nothing about stored keys. Thread-safe: changes are serialised, lookups are lock-free.
 */
public final class KeyService {
    private static final Logger log = LoggerFactory.getLogger(KeyService.class);
    /** {@code last_used_at} is written at most this often per key. */
    public static final Duration LAST_USED_WRITE_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_AZURE_KEY_LENGTH = 1024;
    private static final KeyAuthResult MISSING = new KeyAuthResult.Rejected(KeyRejection.MISSING);
    private static final KeyAuthResult UNKNOWN = new KeyAuthResult.Rejected(KeyRejection.UNKNOWN);
    private static final KeyAuthResult DISABLED = new KeyAuthResult.Rejected(KeyRejection.DISABLED);
    private static final KeyAuthResult EXPIRED = new KeyAuthResult.Rejected(KeyRejection.EXPIRED);

    /** The answer of {@link #create}: the only time the plaintext key leaves the service. */
    public record CreatedKey(String id, String key) {
        @Override
        public String toString() {
            return "CreatedKey{id=" + id + "}";
        }
    }

    private record Snapshot(Map<String, PlatformKey> byHash, Map<String, PlatformKey> byId) {
    }

    private final PlatformKeyRepository repository;
    private final SecretSealer sealer;
    private final ModelCatalog catalog;
    private final KeyUsageSource usage;
    private final java.time.ZoneId zone;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Instant> lastUseWritten = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    KeyService(PlatformKeyRepository repository, SecretSealer sealer, ModelCatalog catalog, Clock clock,
            SecureRandom random) {
        this(repository, sealer, catalog, KeyUsageSource.NONE, java.time.ZoneOffset.UTC, clock, random);
    }

    /**
     * @param usage where {@link #usage} reads a key's past requests
     * @param zone  the service's time zone: "today" starts at its midnight
     */
    KeyService(PlatformKeyRepository repository, SecretSealer sealer, ModelCatalog catalog, KeyUsageSource usage,
            java.time.ZoneId zone, Clock clock, SecureRandom random) {
        this.repository = repository;
        this.sealer = sealer;
        this.catalog = catalog;
        this.usage = usage;
        this.zone = zone;
        this.clock = clock;
        this.random = random;
        reload();
    }

    /**
     * Checks a key presented by a client. Never touches the database.
     *
     * @param presented the key as sent (no trimming is applied), or {@code null} when the request had none
     */
    public KeyAuthResult authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return MISSING;
        }
        if (presented.length() > KeySecrets.MAX_PRESENTED_LENGTH) {
            return UNKNOWN;
        }
        PlatformKey key = snapshot.byHash().get(KeySecrets.sha256Hex(presented));
        if (key == null) {
            return UNKNOWN;
        }
        if (!key.enabled()) {
            return DISABLED;
        }
        if (key.expiredAt(clock.instant())) {
            return EXPIRED;
        }
        return new KeyAuthResult.Accepted(key.verified());
    }

    /**
     * Records that a key served a request (call after a success). Writes {@code last_used_at} at most once per
     * {@link #LAST_USED_WRITE_INTERVAL} per key; a database failure is logged and does not propagate.
     *
     * @return whether this call wrote to the database
     */
    public boolean recordUse(String keyId) {
        Instant now = clock.instant();
        Instant written = lastUseWritten.get(keyId);
        if (written != null && now.isBefore(written.plus(LAST_USED_WRITE_INTERVAL))) {
            return false;
        }
        boolean[] due = {false};
        lastUseWritten.compute(keyId, (id, last) -> {
            if (last != null && now.isBefore(last.plus(LAST_USED_WRITE_INTERVAL))) {
                return last;
            }
            due[0] = true;
            return now;
        });
        if (!due[0]) {
            return false;
        }
        try {
            repository.updateLastUsed(keyId, now);
            return true;
        } catch (StoreException e) {
            lastUseWritten.remove(keyId);
            log.warn("Could not record use of api key {}: {}", keyId, e.getMessage());
            return false;
        }
    }

    /**
     * Opens the stored Azure api-key of an {@link ProtocolType#AZURE_OPENAI} key for one upstream request. The
     * value is registered with the log redactor.
     *
     * @throws ApiKeyException NOT_FOUND when the key is gone or has no Azure secret, SECRET_UNAVAILABLE when it
     *                         cannot be decrypted
     */
    public String azureApiKey(VerifiedKey key) {
        PlatformKey stored = snapshot.byId().get(key.id());
        if (stored == null || stored.sealedAzureKey() == null) {
            throw ApiKeyException.notFound(key.id());
        }
        String plaintext = open(stored.sealedAzureKey(), azureContext(stored.id()));
        LogSetup.registerSecret(plaintext);
        return plaintext;
    }

    /** Creates a key. {@code azureApiKey} is required for, and only accepted on, azure_openai keys. */
    public synchronized CreatedKey create(KeySpec spec, String azureApiKey) {
        requireFuture(spec.expiresAt());
        String id = KeySecrets.randomId(random);
        String sealed = sealedAzureKey(spec, azureApiKey, null, id);
        KeySecrets.NewKey generated = KeySecrets.generate(random);
        Instant now = clock.instant();
        PlatformKey key = new PlatformKey(id, spec, generated.hash(),
                generated.displayPrefix(), sealed, true, now, now, null);
        repository.insert(key);
        reload();
        log.info("Created api key {} ({}, {})", key.id(), key.keyPrefix(), spec.protocolType().wireName());
        return new CreatedKey(key.id(), generated.plaintext());
    }

    /**
     * Changes a key's settings. {@code change} gets the current settings and returns the new ones (it runs under
     * the service lock). A non-null {@code newAzureApiKey} replaces the stored Azure secret; switching away from
     * azure_openai drops it.
     */
    public synchronized ApiKeySummary update(String id, UnaryOperator<KeySpec> change, String newAzureApiKey) {
        PlatformKey existing = repository.find(id).orElseThrow(() -> ApiKeyException.notFound(id));
        KeySpec spec = change.apply(existing.spec());
        if (!Objects.equals(spec.expiresAt(), existing.spec().expiresAt())) {
            requireFuture(spec.expiresAt());
        }
        String sealed = sealedAzureKey(spec, newAzureApiKey, existing.sealedAzureKey(), id);
        PlatformKey updated = existing.withSpec(spec, sealed, clock.instant());
        if (!repository.updateSpec(updated)) {
            throw ApiKeyException.notFound(id);
        }
        reload();
        return updated.summary(clock.instant());
    }

    public synchronized void setEnabled(String id, boolean enabled) {
        if (!repository.updateStatus(id, enabled, clock.instant())) {
            throw ApiKeyException.notFound(id);
        }
        reload();
        log.info("{} api key {}", enabled ? "Enabled" : "Disabled", id);
    }

    public synchronized void delete(String id) {
        if (!repository.delete(id)) {
            throw ApiKeyException.notFound(id);
        }
        lastUseWritten.remove(id);
        reload();
        log.info("Deleted api key {}", id);
    }

    /** Every key, oldest first, read from the database (so {@code lastUsedAt} is current). */
    public List<ApiKeySummary> list() {
        Instant now = clock.instant();
        return repository.all().stream().map(k -> k.summary(now)).toList();
    }

    /**
     * A key's requests, tokens and errors over {@code [from, to)}, from the request log.
     *
     * @param from nullable: the start of today in the service's time zone
     * @param to   nullable: now
     * @throws ApiKeyException NOT_FOUND when the key does not exist
     */
    public KeyUsage usage(String id, Instant from, Instant to) {
        if (!snapshot.byId().containsKey(id)) {
            throw ApiKeyException.notFound(id);
        }
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        return usage.usage(id, start, end);
    }

    /** The models a key may use, or the whole catalogue when {@code id} is {@code null}. */
    public List<ModelCatalog.ModelInfo> models(String id) {
        if (id == null) {
            return catalog.models();
        }
        PlatformKey key = repository.find(id).orElseThrow(() -> ApiKeyException.notFound(id));
        return key.spec().policy().permittedModels(catalog);
    }

    private String sealedAzureKey(KeySpec spec, String newKey, String existingSealed, String keyId) {
        boolean azure = spec.protocolType() == ProtocolType.AZURE_OPENAI;
        if (newKey != null && !azure) {
            throw ApiKeyException.invalid("azureApiKey", "is only used by azure_openai keys");
        }
        if (!azure) {
            return null;
        }
        if (newKey == null) {
            if (existingSealed == null) {
                throw ApiKeyException.invalid("azureApiKey", "is required for azure_openai keys");
            }
            return existingSealed;
        }
        if (newKey.isBlank() || newKey.length() > MAX_AZURE_KEY_LENGTH || newKey.chars().anyMatch(c -> c < ' ')) {
            throw ApiKeyException.invalid("azureApiKey", "must be 1 to " + MAX_AZURE_KEY_LENGTH
                    + " printable characters");
        }
        LogSetup.registerSecret(newKey);
        try {
            return sealer.seal(newKey, azureContext(keyId));
        } catch (SecretSealer.SecretUnavailableException e) {
            throw ApiKeyException.secretUnavailable("cannot store the Azure api key: " + e.getMessage(), e);
        }
    }

    private static String azureContext(String keyId) {
        return "platform_key/" + keyId + "/azure_api_key";
    }

    private String open(String sealed, String context) {
        try {
            return sealer.open(sealed, context);
        } catch (SecretSealer.SecretUnavailableException e) {
            throw ApiKeyException.secretUnavailable("cannot read the Azure api key: " + e.getMessage(), e);
        }
    }

    private void requireFuture(Instant expiresAt) {
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ApiKeyException.invalid("expiresAt", "must be in the future");
        }
    }

    /** Re-reads every key (another instance of a shared database changed one). */
    public synchronized void reload() {
        Map<String, PlatformKey> byHash = new HashMap<>();
        Map<String, PlatformKey> byId = new HashMap<>();
        for (PlatformKey key : repository.all()) {
            byHash.put(key.keyHash(), key);
            byId.put(key.id(), key);
        }
        snapshot = new Snapshot(Map.copyOf(byHash), Map.copyOf(byId));
    }
}
