package com.codexmanager.apikey;

import com.codexmanager.crypto.MasterKey;
import com.codexmanager.crypto.SecretBox;
import com.codexmanager.crypto.SecretUnavailableException;
import com.codexmanager.service.ServiceContext;

/** The production {@link SecretSealer}: the application's {@link SecretBox}. Thread-safe. */
public final class SecretBoxSealer implements SecretSealer {
    private final SecretBox box;

    public SecretBoxSealer(SecretBox box) {
        this.box = box;
    }

    /** A sealer under the data dir's master key (the same key file the accounts module uses). */
    public static SecretBoxSealer forService(ServiceContext context) {
        MasterKey key = MasterKey.loadOrCreate(context.dataDir().masterKeyFile(), context.random(), context.clock());
        return new SecretBoxSealer(new SecretBox(key, context.random()));
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
