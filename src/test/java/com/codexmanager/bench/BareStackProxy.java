package com.codexmanager.bench;

import com.codexmanager.config.Settings;
import com.codexmanager.server.HttpServer;
import com.codexmanager.server.HttpServerOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The fixed stack with no gateway in it: the service's own {@link HttpServer} (same Jetty thread pool, buffers and
 * connector) and HttpClient 5 classic pooled with the relay's 8 KB buffers, relaying {@code POST /v1/responses} to
 * the upstream's Codex path byte for byte, flushing when the upstream has nothing more buffered (the gateway's
 * policy). No key check, routing, body handling, aggregation, request log or trace. It is the floor the gateway
 * cannot go below on this stack, for {@code scripts/bench-bare-stack.sh}, which runs it in the same harness as the
 * jar.
 */
public final class BareStackProxy {
    private static final int BUFFER_BYTES = 8192;

    private BareStackProxy() {
    }

    /** Arguments: the port to listen on (127.0.0.1) and the upstream's base URL. Runs until killed. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String target = args[1] + "/backend-api/codex/responses";
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setBufferSize(BUFFER_BYTES).build())
                                .build())
                        .setMaxConnTotal(4096)
                        .setMaxConnPerRoute(4096)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        // the service's own sizing from its default settings, on this address
        HttpServerOptions options = HttpServerOptions.from(
                Settings.fromEnvironment(Map.of("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port)),
                Runtime.getRuntime().availableProcessors());
        new HttpServer(options, List.of(routes -> {
            routes.get("/health", ctx -> ctx.result("{\"status\":\"ok\"}"));
            routes.post("/v1/responses", ctx -> {
                HttpPost post = new HttpPost(target);
                post.setEntity(new ByteArrayEntity(ctx.bodyAsBytes(), ContentType.APPLICATION_JSON));
                post.setHeader("Accept", "text/event-stream");
                try (ClassicHttpResponse upstream = client.executeOpen(null, post, null)) {
                    ctx.status(upstream.getCode());
                    ctx.contentType("text/event-stream");
                    InputStream in = upstream.getEntity().getContent();
                    OutputStream out = ctx.res().getOutputStream();
                    byte[] buffer = new byte[BUFFER_BYTES];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        out.write(buffer, 0, n);
                        if (in.available() <= 0) {
                            out.flush();
                        }
                    }
                    out.flush();
                }
            });
        })).start();
    }
}
