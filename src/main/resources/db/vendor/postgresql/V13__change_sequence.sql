-- The change feed (ChangeFeed) tells the other instances that a shared table changed. It used to compare each
-- table's newest change time, which every instance wrote from its own clock: an instance whose clock was behind
-- could update a row without moving the newest time, and the others never re-read it. Every insert and update now
-- draws a number from one database sequence, so a change always moves its table's maximum, whatever the clocks say.
CREATE SEQUENCE change_seq;

CREATE FUNCTION mark_change() RETURNS trigger AS $$
BEGIN
    NEW.change_seq := nextval('change_seq');
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

ALTER TABLE accounts ADD COLUMN change_seq BIGINT;
ALTER TABLE platform_keys ADD COLUMN change_seq BIGINT;
ALTER TABLE app_settings ADD COLUMN change_seq BIGINT;
ALTER TABLE gateway_cooldowns ADD COLUMN change_seq BIGINT;
ALTER TABLE usage_latest ADD COLUMN change_seq BIGINT;
ALTER TABLE gateway_state ADD COLUMN change_seq BIGINT;

CREATE TRIGGER accounts_change BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION mark_change();
CREATE TRIGGER platform_keys_change BEFORE INSERT OR UPDATE ON platform_keys
    FOR EACH ROW EXECUTE FUNCTION mark_change();
CREATE TRIGGER app_settings_change BEFORE INSERT OR UPDATE ON app_settings
    FOR EACH ROW EXECUTE FUNCTION mark_change();
CREATE TRIGGER gateway_cooldowns_change BEFORE INSERT OR UPDATE ON gateway_cooldowns
    FOR EACH ROW EXECUTE FUNCTION mark_change();
CREATE TRIGGER usage_latest_change BEFORE INSERT OR UPDATE ON usage_latest
    FOR EACH ROW EXECUTE FUNCTION mark_change();
CREATE TRIGGER gateway_state_change BEFORE INSERT OR UPDATE ON gateway_state
    FOR EACH ROW EXECUTE FUNCTION mark_change();
