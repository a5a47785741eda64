package com.codexmanager.apikey;

import java.net.URI;

/**
 * A platform key that passed {@link KeyService#authenticate}: what the gateway needs to serve one request.
 * Holds no secret (the Azure api-key is opened on demand with {@link KeyService#azureApiKey}). Immutable.
 *
 * @param keyPrefix       the display prefix, e.g. {@code cmk_Ab12Cd34}, for logs
 * @param accountGroup    the only account group that may serve this key, or {@code null} for any
 * @param upstreamBaseUrl the Azure endpoint of an {@link ProtocolType#AZURE_OPENAI} key, else {@code null}
 * @param limits          the key's limits, {@link KeyLimits#NONE} when unlimited
 */
public record VerifiedKey(String id, String name, String keyPrefix, ProtocolType protocolType, KeyPolicy policy,
        String accountGroup, URI upstreamBaseUrl, KeyLimits limits) {
}
