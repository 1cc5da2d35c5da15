-- Notifications waiting to be sent (a security notice to the old address after an email or
-- phone change). With no mail transport configured this table and the log are the outbox.
CREATE TABLE outgoing_messages (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    sent_at     TEXT
);
CREATE INDEX outgoing_messages_unsent ON outgoing_messages (sent_at, id);
