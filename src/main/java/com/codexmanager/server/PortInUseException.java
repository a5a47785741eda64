package com.codexmanager.server;

/** The configured listen address is taken; the message names the setting to change. */
public final class PortInUseException extends RuntimeException {
    public PortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
