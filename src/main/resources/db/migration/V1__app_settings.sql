-- Settings changed from the desktop or over RPC. Environment variables still win over these values.
CREATE TABLE app_settings (
    setting_key   VARCHAR(128) PRIMARY KEY,
    setting_value VARCHAR(4096) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
