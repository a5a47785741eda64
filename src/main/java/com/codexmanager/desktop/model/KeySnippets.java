package com.codexmanager.desktop.model;

/**
 * Ready-to-paste configuration for the tools that use a platform key: Codex CLI's {@code config.toml}, Claude
 * Code's environment variables, and an OpenAI SDK client. Stateless.
 */
public final class KeySnippets {
    private KeySnippets() {
    }

    /** @param baseUrl the service's {@code http://host:port} */
    public static String codexConfig(String baseUrl, String key) {
        return """
                # ~/.codex/config.toml
                model_provider = "codexmanager"

                [model_providers.codexmanager]
                name = "CodexManager"
                base_url = "%s/v1"
                wire_api = "responses"
                env_key = "CODEXMANAGER_API_KEY"

                # and in your shell profile:
                # export CODEXMANAGER_API_KEY=%s
                """.formatted(baseUrl, key);
    }

    public static String claudeCodeEnv(String baseUrl, String key) {
        return """
                export ANTHROPIC_BASE_URL=%s
                export ANTHROPIC_AUTH_TOKEN=%s
                claude
                """.formatted(baseUrl, key);
    }

    public static String openAiSdk(String baseUrl, String key) {
        return """
                from openai import OpenAI

                client = OpenAI(base_url="%s/v1", api_key="%s")
                # Node: new OpenAI({ baseURL: "%s/v1", apiKey: "%s" })
                """.formatted(baseUrl, key, baseUrl, key);
    }
}
