-- As migrations/sqlite/0008_mail_delivery.sql.
ALTER TABLE outgoing_messages ADD COLUMN language TEXT NOT NULL DEFAULT 'fi';
ALTER TABLE outgoing_messages ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE outgoing_messages ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outgoing_messages ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outgoing_messages ADD COLUMN claimed_until BIGINT;
ALTER TABLE outgoing_messages ADD COLUMN last_error TEXT;
ALTER TABLE outgoing_messages ADD COLUMN given_up_at TEXT;
-- What the worker asks every few seconds: the email messages still to send, by due time.
CREATE INDEX outgoing_messages_due ON outgoing_messages (next_attempt_at, id)
    WHERE sent_at IS NULL AND given_up_at IS NULL AND channel = 'email';
-- Messages queued before this migration were written in the customer's language then.
UPDATE outgoing_messages SET language = (
    SELECT preferred_language FROM customers WHERE customers.id = outgoing_messages.customer_id
);
