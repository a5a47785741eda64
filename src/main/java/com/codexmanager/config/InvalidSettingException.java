package com.codexmanager.config;

import java.util.List;

/**
 * A setting that the service needs in order to start has an unusable value: the launcher prints the message (the
 * variable, the value and where it came from) and exits with code 2 instead of falling back to a default.
 */
public final class InvalidSettingException extends RuntimeException {
    private final List<String> problems;

    public InvalidSettingException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per invalid setting. */
    public List<String> problems() {
        return problems;
    }
}
