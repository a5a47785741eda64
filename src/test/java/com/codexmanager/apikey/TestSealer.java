package com.codexmanager.apikey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A reversible stand-in for SecretBox: XOR plus base64 bound to the context; enough to prove nothing is stored in clear. */
final class TestSealer implements SecretSealer {
    private static final byte MASK = 0x5A;
    private volatile boolean broken;

    /** From now on {@link #open} fails, like a lost master key. */
    void breakIt() {
        broken = true;
    }

    @Override
    public String seal(String plaintext, String context) {
        return "test1:" + context + ":" + Base64.getEncoder().encodeToString(xor(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String open(String sealed, String context) {
        String prefix = "test1:" + context + ":";
        if (broken || !sealed.startsWith(prefix)) {
            throw new SecretUnavailableException("test sealer cannot open this value");
        }
        return new String(xor(Base64.getDecoder().decode(sealed.substring(prefix.length()))), StandardCharsets.UTF_8);
    }

    private static byte[] xor(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= MASK;
        }
        return out;
    }
}
