-- Every change of a marketing ban or consent, as proof of what the customer chose and when.
CREATE TABLE consent_log (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    at          TEXT NOT NULL,
    choice      TEXT NOT NULL,
    old_value   INTEGER NOT NULL,
    new_value   INTEGER NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('self_service', 'staff', 'onboarding')),
    staff_id    INTEGER
);
CREATE INDEX consent_log_customer ON consent_log (customer_id, at);

CREATE TRIGGER consent_log_no_update BEFORE UPDATE ON consent_log
BEGIN SELECT RAISE(ABORT, 'consent_log is append-only'); END;
CREATE TRIGGER consent_log_no_delete BEFORE DELETE ON consent_log
BEGIN SELECT RAISE(ABORT, 'consent_log is append-only'); END;

-- Named employees, each with a personal account (register §9).
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('customer_service', 'marketing'))
);

-- Staff sessions are separate from customer sessions, with their own cookie, so one can
-- never be taken for the other.
CREATE TABLE staff_sessions (
    token_hash   TEXT PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
