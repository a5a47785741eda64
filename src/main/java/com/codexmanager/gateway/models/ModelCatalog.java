package com.codexmanager.gateway.models;

import com.codexmanager.gateway.port.AccountPool;
import com.codexmanager.gateway.port.Credentials;
import com.codexmanager.gateway.port.CredentialsUnavailableException;
import com.codexmanager.gateway.routing.PoolAccount;
import com.codexmanager.gateway.state.ModelCacheRepository;
import com.codexmanager.gateway.upstream.UpstreamCall;
import com.codexmanager.gateway.upstream.UpstreamClient;
import com.codexmanager.gateway.upstream.UpstreamHeaders;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's model list, served locally first: loaded from the database at startup, fetched from
 * {@code {upstream}/models?client_version=…} with a routable account when empty, refreshed in the background and
 * whenever a reply's {@code x-models-etag} differs from the cached one. Thread-safe.
 */
public final class ModelCatalog {
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
    static final String CLIENT_VERSION = "0.171.0";

    /** One model of the catalogue. Immutable. */
    public record Model(String slug, String displayName, boolean listed) {
    }

    private record State(List<Model> models, String etag) {
    }

    private final ModelCacheRepository cache;
    private final AccountPool pool;
    private final UpstreamClient upstream;
    private final Supplier<String> upstreamBase;
    private final Supplier<String> originator;
    private final Executor background;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile State state;

    public ModelCatalog(ModelCacheRepository cache, AccountPool pool, UpstreamClient upstream,
            Supplier<String> upstreamBase, Supplier<String> originator, Executor background, Clock clock) {
        this.cache = cache;
        this.pool = pool;
        this.upstream = upstream;
        this.upstreamBase = upstreamBase;
        this.originator = originator;
        this.background = background;
        this.clock = clock;
        this.state = cache.load().map(c -> new State(parse(c.body()), c.etag())).orElse(new State(List.of(), null));
    }

    /** The models, fetching synchronously first when nothing is cached yet. */
    public List<Model> models() {
        if (state.models().isEmpty()) {
            refresh();
        }
        return state.models();
    }

    /** A reply carried {@code x-models-etag}: refresh in the background when it differs from the cached one. */
    public void onEtag(String etag) {
        if (etag != null && !etag.equals(state.etag())) {
            refreshAsync();
        }
    }

    public void refreshAsync() {
        if (refreshing.compareAndSet(false, true)) {
            background.execute(() -> {
                try {
                    fetch();
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    /** Fetches now (single-flight); a failure keeps the cached list. */
    public void refresh() {
        if (refreshing.compareAndSet(false, true)) {
            try {
                fetch();
            } finally {
                refreshing.set(false);
            }
        }
    }

    private void fetch() {
        for (PoolAccount account : pool.snapshot().routable(null)) {
            if (fetchWith(account.id())) {
                return;
            }
        }
    }

    private boolean fetchWith(String accountId) {
        Credentials credentials;
        try {
            credentials = pool.credentials(accountId);
        } catch (CredentialsUnavailableException e) {
            return false;
        }
        URI uri = URI.create(upstreamBase.get() + "/models?client_version=" + CLIENT_VERSION);
        Map<String, String> headers = UpstreamHeaders.build(credentials, originator.get(), "", Map.of(), null,
                false);
        try (UpstreamCall call = upstream.get(uri, headers)) {
            if (call.status() != 200) {
                log.warn("Model list fetch with account {} answered {}", accountId, call.status());
                return false;
            }
            String body = new String(call.body().readAllBytes(), StandardCharsets.UTF_8);
            List<Model> models = parse(body);
            if (models.isEmpty()) {
                return false;
            }
            String etag = call.header("etag").orElse(null);
            state = new State(models, etag);
            cache.save(new ModelCacheRepository.Cached(etag, body, clock.instant()));
            return true;
        } catch (IOException e) {
            log.warn("Model list fetch failed: {}", e.getMessage());
            return false;
        }
    }

    static List<Model> parse(String body) {
        List<Model> out = new ArrayList<>();
        try {
            JsonElement root = JsonParser.parseString(body);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("models")) {
                return out;
            }
            for (JsonElement e : root.getAsJsonObject().getAsJsonArray("models")) {
                if (!e.isJsonObject() || !e.getAsJsonObject().has("slug")) {
                    continue;
                }
                JsonObject m = e.getAsJsonObject();
                String slug = m.get("slug").getAsString();
                String name = m.has("display_name") && m.get("display_name").isJsonPrimitive()
                        ? m.get("display_name").getAsString() : slug;
                boolean listed = !m.has("visibility") || !Objects.equals("hide", m.get("visibility").getAsString());
                out.add(new Model(slug, name, listed));
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            return List.of();
        }
        return out;
    }
}
