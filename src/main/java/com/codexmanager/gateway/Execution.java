package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.ClientStream;

/**
 * Serves one adapted request from an upstream and relays its stream to the client: the account pool
 * ({@link GatewayExecutor}) or an azure_openai key's own resource ({@link AzureForwarder}). Implementations are
 * thread-safe.
 */
@FunctionalInterface
interface Execution {
    ExecutionResult execute(GatewayRequest request, GatewaySettings settings, ClientStream client);
}
