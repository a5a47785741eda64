package com.codexmanager.apikey;

import com.codexmanager.crypto.SecretBox;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.module.ServiceContext;

/** The production {@link SecretSealer}: the application's {@link SecretBox}. Thread-safe. */
public final class SecretBoxSealer implements SecretSealer {
    private final SecretBox box;

    public SecretBoxSealer(SecretBox box) {
        this.box = box;
    }

    /** A sealer under the service's one secret box. */
    public static SecretBoxSealer forService(ServiceContext context) {
        return new SecretBoxSealer(context.secrets());
    }

    @Override
    public String seal(String plaintext, String context) {
        return box.seal(plaintext, context);
    }

    @Override
    public String open(String sealed, String context) {
        try {
            return box.open(sealed, context);
        } catch (SecretUnavailableException e) {
            throw new SecretSealer.SecretUnavailableException(e.getMessage(), e);
        }
    }
}
