-- Inspection and correction requests, and the trail of everything done to them.
CREATE TABLE requests (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    idempotency_key  TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('inspection', 'correction')),
    status           TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'extended', 'completed', 'rejected', 'cancelled')),
    received_at      TEXT NOT NULL,
    -- The date of receipt in Finland, from which the month runs.
    received_on      TEXT NOT NULL,
    deadline         TEXT NOT NULL,
    field            TEXT,
    current_value    TEXT,
    proposed_value   TEXT,
    explanation      TEXT,
    extension_reason TEXT,
    answer           TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX requests_open ON requests (status, deadline);
CREATE INDEX requests_customer ON requests (customer_id, received_at);

CREATE TABLE request_events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    at         TEXT NOT NULL,
    -- NULL: the customer did it.
    staff_id   INTEGER REFERENCES staff (id),
    action     TEXT NOT NULL,
    detail     TEXT
);
CREATE INDEX request_events_request ON request_events (request_id, id);

CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;
