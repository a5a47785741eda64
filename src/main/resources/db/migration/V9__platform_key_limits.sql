-- Per-key limits (issue 14): NULL = unlimited. Counted in memory by the gateway; the request log is the source
-- the daily token count is rebuilt from at start.
ALTER TABLE platform_keys ADD COLUMN requests_per_minute INTEGER;
ALTER TABLE platform_keys ADD COLUMN tokens_per_day BIGINT;
