package com.codexmanager.cli;

/**
 * A command could not do its job: the message is printed after {@code codexmanager: } and the process exits with
 * {@link #exitCode()} (1 for failures, 2 for usage errors the parser cannot see, such as a missing file). The message
 * never contains the RPC token or a platform key.
 */
public final class CliFailure extends RuntimeException {
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
