-- Several instances on one PostgreSQL database (on the embedded H2 file there is only one instance).

-- Which instance served each request, so one log can show requests of every instance.
ALTER TABLE request_logs ADD COLUMN instance_name VARCHAR(128);

-- Background jobs (usage poller, token refresher, log maintenance, keepalive) run on one instance at a time: the
-- instance whose lease is current holds the job, renews it while alive, and another takes it once it expires.
CREATE TABLE job_leases (
    job         VARCHAR(64)  PRIMARY KEY,
    holder      VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Conversation affinity shared by the instances behind one load balancer, so a conversation keeps its account
-- (and the upstream prompt cache) whichever instance a turn lands on. The key is a digest of key id and
-- conversation; rows unused for longer than AFFINITY_TTL_SECS are deleted by the log maintenance job.
CREATE TABLE gateway_affinity (
    conversation_key  CHAR(64)     PRIMARY KEY,
    account_id        VARCHAR(64)  NOT NULL,
    last_used         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX gateway_affinity_used ON gateway_affinity (last_used);
CREATE INDEX accounts_updated_idx ON accounts (updated_at);
