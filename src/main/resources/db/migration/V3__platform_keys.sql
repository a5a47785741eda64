-- Platform keys handed to coding tools. Only the SHA-256 of a key is stored (plus a short display prefix);
-- the Azure api-key of azure_openai keys is stored sealed (encrypted) by the application.
CREATE TABLE platform_keys (
    id                   VARCHAR(32)  PRIMARY KEY,
    name                 VARCHAR(100) NOT NULL,
    key_hash             CHAR(64)     NOT NULL,
    key_prefix           VARCHAR(16)  NOT NULL,
    protocol_type        VARCHAR(16)  NOT NULL,
    model_slug           VARCHAR(128),
    reasoning_effort     VARCHAR(16),
    allowed_models       VARCHAR(8000),
    account_group        VARCHAR(64),
    expires_at           TIMESTAMP WITH TIME ZONE,
    upstream_base_url    VARCHAR(2048),
    azure_api_key_sealed VARCHAR(4096),
    status               VARCHAR(16)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at         TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX platform_keys_hash ON platform_keys (key_hash);
