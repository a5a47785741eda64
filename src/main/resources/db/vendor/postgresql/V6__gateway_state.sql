-- Cooldowns survive a restart, so a benched account is not hammered again right after it.
CREATE TABLE gateway_cooldowns (
    account_id    VARCHAR(128) PRIMARY KEY,
    kind          VARCHAR(32)  NOT NULL,
    until_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    offences      INTEGER      NOT NULL,
    last_offence  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The last model list fetched from the upstream ("local first": served at startup before any fetch).
CREATE TABLE gateway_model_cache (
    cache_key   VARCHAR(64) PRIMARY KEY,
    etag        VARCHAR(256),
    body        TEXT NOT NULL,
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
