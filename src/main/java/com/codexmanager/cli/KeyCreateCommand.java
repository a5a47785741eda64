package com.codexmanager.cli;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code codexmanager key create NAME}: creates a platform key and prints it once, with ready-to-paste settings for
 * Codex CLI, Claude Code and the OpenAI SDKs. {@code --rpm N} sends {@code limits: {requestsPerMinute: N}} on
 * {@code apikey/create}; a service that does not know per-key limits refuses it, and that error is printed. An
 * {@code azure_openai} key needs {@code --azure-endpoint} and {@code --azure-api-key-env} (usage error without them,
 * or with them on another protocol) and also gets an Azure OpenAI client snippet.
 */
@Command(name = "create", description = {"Create a platform key and print it (once) with settings for Codex CLI, "
        + "Claude Code and the OpenAI SDKs."})
public final class KeyCreateCommand implements Callable<Integer> {
    /** The protocol a key is for; the wire names of {@code apikey/create}'s {@code protocolType}. */
    enum Protocol { openai, anthropic, azure_openai }

    @Parameters(index = "0", paramLabel = "NAME", description = "Display name of the key (at most 100 characters).")
    String name;

    @Option(names = "--protocol", paramLabel = "PROTOCOL", defaultValue = "openai",
            description = "openai (default), anthropic or azure_openai.")
    Protocol protocol;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "Serve every request with this model (also written into config.toml).")
    String model;

    @Option(names = "--rpm", paramLabel = "N", description = "At most N requests per minute with this key.")
    Integer requestsPerMinute;

    @Option(names = "--group", paramLabel = "NAME", description = "Only accounts of this group serve the key.")
    String accountGroup;

    @Option(names = "--azure-endpoint", paramLabel = "URL",
            description = "azure_openai (required): https://<resource>.openai.azure.com.")
    String azureEndpoint;

    @Option(names = "--azure-api-key-env", paramLabel = "VARIABLE",
            description = "azure_openai (required): the environment variable that holds the Azure api-key (kept off the "
                    + "command line, where other users could see it).")
    String azureApiKeyVariable;

    @Mixin
    ConnectionOptions connection;

    private final CliContext context;

    public KeyCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonObject params = params();
        RpcConnection rpc = connection.connect(context);
        JsonObject created = rpc.call("apikey/create", params);
        String key = created.get("key").getAsString();
        String baseUrl = rpc.baseUrl();
        if (connection.json) {
            JsonObject out = new JsonObject();
            out.addProperty("id", created.get("id").getAsString());
            out.addProperty("key", key);
            out.addProperty("baseUrl", baseUrl);
            JsonObject snippets = new JsonObject();
            snippets.addProperty("codexConfigToml", ClientSnippets.codexConfig(baseUrl, key, model));
            snippets.addProperty("claudeCode", ClientSnippets.claudeCode(baseUrl, key));
            snippets.addProperty("openAiSdk", ClientSnippets.openAiSdk(baseUrl, key));
            if (protocol == Protocol.azure_openai) {
                snippets.addProperty("azure", ClientSnippets.azureClient(baseUrl, key, model));
            }
            out.add("snippets", snippets);
            connection.printJson(context, out);
            return 0;
        }
        context.out().println("Created key " + created.get("id").getAsString() + " (" + name + "). This is the only "
                + "time it is shown:");
        context.out().println();
        context.out().println("    " + key);
        context.out().println();
        context.out().println(ClientSnippets.codexConfig(baseUrl, key, model));
        // an azure_openai key serves Claude Code too (its Messages are mapped to the Azure resource's Responses)
        context.out().println(ClientSnippets.claudeCode(baseUrl, key));
        if (protocol == Protocol.azure_openai) {
            context.out().println(ClientSnippets.azureClient(baseUrl, key, model));
        }
        context.out().print(ClientSnippets.openAiSdk(baseUrl, key));
        context.out().flush();
        return 0;
    }

    private JsonObject params() {
        JsonObject params = new JsonObject();
        params.addProperty("name", name);
        params.addProperty("protocolType", protocol.name().toLowerCase(Locale.ROOT));
        if (model != null) {
            params.addProperty("modelSlug", model);
        }
        if (accountGroup != null) {
            params.addProperty("accountGroup", accountGroup);
        }
        if (requestsPerMinute != null) {
            if (requestsPerMinute < 1) {
                throw new CliFailure(CliFailure.USAGE, "--rpm must be at least 1: " + requestsPerMinute);
            }
            JsonObject limits = new JsonObject();
            limits.addProperty("requestsPerMinute", requestsPerMinute);
            params.add("limits", limits);
        }
        boolean azure = protocol == Protocol.azure_openai;
        if (azure && (azureEndpoint == null || azureApiKeyVariable == null)) {
            throw new CliFailure(CliFailure.USAGE, "--protocol azure_openai needs --azure-endpoint URL and "
                    + "--azure-api-key-env VARIABLE");
        }
        if (!azure && (azureEndpoint != null || azureApiKeyVariable != null)) {
            throw new CliFailure(CliFailure.USAGE, "--azure-endpoint and --azure-api-key-env go only with "
                    + "--protocol azure_openai");
        }
        if (azureEndpoint != null) {
            params.addProperty("upstreamBaseUrl", azureEndpoint);
        }
        if (azureApiKeyVariable != null) {
            String value = context.env().get().get(azureApiKeyVariable);
            if (value == null || value.isBlank()) {
                throw new CliFailure(CliFailure.USAGE, "--azure-api-key-env: " + azureApiKeyVariable
                        + " is not set");
            }
            params.addProperty("azureApiKey", value);
        }
        return params;
    }
}
