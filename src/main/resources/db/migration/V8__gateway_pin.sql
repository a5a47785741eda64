-- Small gateway state that must survive a restart, one row per key; today only the quick-switch pin
-- ('pinned_account'), which holds until the user picks "Automatic" again.
CREATE TABLE gateway_state (
    state_key    VARCHAR(64)  PRIMARY KEY,
    state_value  VARCHAR(256) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
