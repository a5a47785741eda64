-- An account's own upstream proxy (issue 14): the URL without its password, and the password sealed with the
-- account's SecretBox context like its tokens. NULL = use the global CODEXMANAGER_UPSTREAM_PROXY_URL.
ALTER TABLE accounts ADD COLUMN proxy_url VARCHAR(2048);
ALTER TABLE accounts ADD COLUMN proxy_password_enc VARCHAR(4096);
