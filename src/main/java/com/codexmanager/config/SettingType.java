package com.codexmanager.config;

/** The kinds of value a {@link Setting} can hold; each kind has its own parsing rule. */
public enum SettingType {
    /** Free text; empty means "not set". */
    STRING,
    /** Free text that is a secret: never printed, never returned over RPC. */
    SECRET,
    /** A whole number checked against the setting's bounds. */
    INTEGER,
    /** {@code 1/true/yes/on} or {@code 0/false/no/off}, any case. */
    BOOLEAN,
    /** On when the variable is present, even when empty, unless it says {@code 0/false/no/off}. */
    FLAG,
    /** An absolute http(s) URL. */
    URL,
    /**
     * An outbound proxy URL ({@link ProxyUrl}): shown and logged with its password masked, never returned in
     * full over RPC.
     */
    PROXY_URL,
    /** A {@code host:port} socket address. */
    ADDRESS,
    /** One of a fixed set of words, with aliases. */
    CHOICE,
    /** A file-system path. */
    PATH,
    /** Empty, or a PostgreSQL JDBC URL ({@code jdbc:postgresql://host:port/database}). */
    JDBC_URL
}
