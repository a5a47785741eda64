package com.codexmanager.cli;

import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options every operator command shares: which service to talk to, with which token, and whether to print JSON for
 * scripts instead of text for people. Mutable only while picocli fills it; single-threaded.
 */
public final class ConnectionOptions {
    @Option(names = "--service", paramLabel = "URL",
            description = "The service: http://host:port or host:port. Default: a running desktop's service, else "
                    + "CODEXMANAGER_SERVICE_ADDR (localhost:48760).")
    String service;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The RPC token. Default: CODEXMANAGER_RPC_TOKEN, else <data dir>/codexmanager.rpc-token.")
    String token;

    @Option(names = "--json", description = "Print JSON for scripts instead of text: one object on one line "
            + "(account login: JSON Lines, see its help).")
    boolean json;

    /** Connects to the first candidate service that answers {@code initialize}. */
    RpcConnection connect(CliContext context) {
        ServiceLocator.Target target = ServiceLocator.locate(service, token, context.env().get(), context.osName(),
                context.userHome());
        List<String> urls = target.baseUrls();
        CliFailure last = null;
        for (String url : urls) {
            RpcConnection connection = new RpcConnection(url, target.token());
            if (urls.size() == 1) {
                return connection;
            }
            try {
                connection.call("initialize", new com.google.gson.JsonObject(), RpcConnection.CONNECT_TIMEOUT);
                return connection;
            } catch (CliFailure e) {
                last = e;
            }
        }
        throw last;
    }

    /** Prints {@code value} as one line of JSON. */
    void printJson(CliContext context, JsonElement value) {
        context.out().println(Json.write(value));
        context.out().flush();
    }
}
