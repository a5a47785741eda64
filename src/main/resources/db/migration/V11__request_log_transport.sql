-- How each request reached the gateway: 'http', or 'websocket' for one response.create frame on a Responses
-- WebSocket. Every row written before this column existed came over HTTP.
ALTER TABLE request_logs ADD COLUMN transport VARCHAR(16) DEFAULT 'http' NOT NULL;
