package com.codexmanager.cli;

/**
 * Ready-to-paste client configuration for a new platform key: Codex CLI's {@code config.toml}, Claude Code's
 * environment, the OpenAI SDKs, and an Azure OpenAI client for {@code azure_openai} keys. The key goes into an
 * environment variable, never into a file, except where a client only takes it inline. Shared by {@code key create}
 * and the desktop's key dialog so that both say the same; the variable is not named {@code CODEXMANAGER_*}, the
 * service's own settings namespace, so that a shell that exports it does not warn about an unknown setting.
 * Stateless.
 */
public final class ClientSnippets {
    /** The variable Codex CLI reads the key from ({@code env_key}). */
    public static final String CODEX_KEY_VARIABLE = "CM_GATEWAY_KEY";
    /**
     * The model written into {@code config.toml} when none is chosen. The gateway resolves this name like an alias
     * (to itself, else the pool's top model), so the snippet keeps working when a later catalogue drops it; change
     * it together with {@code gateway.ModelAliases.CODEX_DEFAULT_MODEL}.
     */
    public static final String DEFAULT_CODEX_MODEL = "gpt-5.5";

    private ClientSnippets() {
    }

    /** @param baseUrl the service's {@code http://host:port}, no trailing slash */
    public static String codexConfig(String baseUrl, String key, String model) {
        return """
                # ~/.codex/config.toml
                # (the two top-level lines go above any [table])
                model = "%s"
                model_provider = "codexmanager"

                [model_providers.codexmanager]
                name = "CodexManager"
                base_url = "%s/v1"
                env_key = "%s"
                wire_api = "responses"

                # and in the shell that runs codex:
                export %s=%s
                """.formatted(model == null ? DEFAULT_CODEX_MODEL : model, baseUrl, CODEX_KEY_VARIABLE,
                CODEX_KEY_VARIABLE, key);
    }

    public static String claudeCode(String baseUrl, String key) {
        return """
                # Claude Code (no /v1: it appends /v1/messages)
                export ANTHROPIC_BASE_URL=%s
                export ANTHROPIC_AUTH_TOKEN=%s
                export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
                claude
                """.formatted(baseUrl, key);
    }

    public static String openAiSdk(String baseUrl, String key) {
        return """
                # OpenAI SDKs (Responses or Chat Completions)
                # Python:  client = OpenAI(base_url="%s/v1", api_key="%s")
                # Node:    const client = new OpenAI({ baseURL: "%s/v1", apiKey: "%s" })
                """.formatted(baseUrl, key, baseUrl, key);
    }

    public static String azureClient(String baseUrl, String key, String deployment) {
        return """
                # Azure OpenAI clients: endpoint = the gateway, api-key = the platform key
                curl %s/openai/deployments/%s/chat/completions?api-version=2024-10-21 \\
                  -H "api-key: %s" -H 'Content-Type: application/json' \\
                  -d '{"messages":[{"role":"user","content":"hello"}]}'
                """.formatted(baseUrl, deployment == null ? DEFAULT_CODEX_MODEL : deployment, key);
    }
}
