-- The account pool. Tokens are stored only as AES-GCM ciphertext (see crypto.SecretBox); the identity key
-- (ChatGPT account id + user id, or a token fingerprint when neither is known) makes re-login and re-import
-- update the same row instead of adding a duplicate.
CREATE TABLE accounts (
    id                        VARCHAR(64)    PRIMARY KEY,
    identity_key              VARCHAR(600)   NOT NULL,
    label                     VARCHAR(512)   NOT NULL,
    email                     VARCHAR(512),
    chatgpt_account_id        VARCHAR(256),
    user_id                   VARCHAR(256),
    workspace_id              VARCHAR(256),
    plan_type                 VARCHAR(64),
    group_name                VARCHAR(256),
    tags                      VARCHAR(4096)  NOT NULL,
    sort                      INTEGER        NOT NULL,
    note                      VARCHAR(4096),
    status                    VARCHAR(32)    NOT NULL,
    status_reason             VARCHAR(256),
    access_token_enc          VARCHAR(65536),
    refresh_token_enc         VARCHAR(16384),
    id_token_enc              VARCHAR(65536),
    token_version             BIGINT         NOT NULL,
    access_token_expires_at   TIMESTAMP WITH TIME ZONE,
    last_refresh_at           TIMESTAMP WITH TIME ZONE,
    refresh_failures          INTEGER        NOT NULL,
    next_refresh_attempt_at   TIMESTAMP WITH TIME ZONE,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at              TIMESTAMP WITH TIME ZONE,
    CONSTRAINT accounts_identity_uq UNIQUE (identity_key)
);

CREATE INDEX accounts_order_idx ON accounts (sort, updated_at, id);
CREATE INDEX accounts_group_idx ON accounts (group_name);
CREATE INDEX accounts_refresh_idx ON accounts (status, access_token_expires_at);
