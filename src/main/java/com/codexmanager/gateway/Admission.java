package com.codexmanager.gateway;

import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.protocol.AdaptedRequest;
import com.codexmanager.gateway.protocol.GatewayError;
import com.google.gson.JsonObject;

/**
 * Where the transport-independent steps of a request ({@link RequestSteps}) sent it, with what they learned.
 * Immutable values.
 */
sealed interface Admission {
    RequestFacts facts();

    /** Answered by the gateway itself: nothing goes upstream. */
    record Refused(RequestFacts facts, GatewayError error) implements Admission {
    }

    /** Served from the account pool. */
    record ToPool(RequestFacts facts, GatewayRequest request, AdaptedRequest adapted) implements Admission {
    }

    /**
     * An {@code azure_openai} key: served from the key's own Azure resource.
     *
     * @param clientBody the client's body as sent (the path model applied)
     */
    record ToAzure(RequestFacts facts, PlatformKey key, JsonObject clientBody, AdaptedRequest adapted,
            String model) implements Admission {
    }
}
