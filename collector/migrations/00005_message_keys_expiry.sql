-- Idempotency keys only matter while a client may still retry (seconds; the extension gives up after 7 days):
-- housekeeping deletes them after 30 days, by this index.
create index message_keys_created on message_keys (created_at);
