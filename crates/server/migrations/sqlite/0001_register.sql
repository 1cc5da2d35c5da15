-- Klever's customer register: one row per customer plus the lists that hang off it.
-- Instants are RFC 3339 text in UTC, dates ISO 8601 text, money whole cents.

CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
    email              TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash      TEXT NOT NULL,
    first_name         TEXT NOT NULL,
    last_name          TEXT NOT NULL,
    gender             TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'not_stated')),
    phone              TEXT,
    street             TEXT,
    postal_code        TEXT,
    city               TEXT,
    country            TEXT,
    preferred_language TEXT NOT NULL CHECK (preferred_language IN ('fi', 'sv', 'en')),
    other_info         TEXT NOT NULL DEFAULT '',
    iban               TEXT,
    bic                TEXT,
    customer_since     TEXT NOT NULL,
    -- Bumped by every change; the basis of the profile's ETag.
    version            INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE marketing_choices (
    customer_id                 INTEGER PRIMARY KEY REFERENCES customers (id),
    ban_all                     INTEGER NOT NULL DEFAULT 0,
    ban_email                   INTEGER NOT NULL DEFAULT 0,
    ban_sms                     INTEGER NOT NULL DEFAULT 0,
    ban_phone                   INTEGER NOT NULL DEFAULT 0,
    ban_post                    INTEGER NOT NULL DEFAULT 0,
    consent_market_research     INTEGER NOT NULL DEFAULT 0,
    consent_research_disclosure INTEGER NOT NULL DEFAULT 0,
    consent_targeting           INTEGER NOT NULL DEFAULT 0,
    updated_at                  TEXT
);

CREATE TABLE change_history (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    at          TEXT NOT NULL,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    channel     TEXT NOT NULL CHECK (channel IN ('self_service', 'staff', 'onboarding')),
    staff_id    INTEGER
);
CREATE INDEX change_history_customer ON change_history (customer_id, at);

-- The history is evidence: the database itself refuses to rewrite it.
CREATE TRIGGER change_history_no_update BEFORE UPDATE ON change_history
BEGIN SELECT RAISE(ABORT, 'change_history is append-only'); END;
CREATE TRIGGER change_history_no_delete BEFORE DELETE ON change_history
BEGIN SELECT RAISE(ABORT, 'change_history is append-only'); END;

CREATE TABLE bank_reports (
    id                 INTEGER PRIMARY KEY,
    customer_id        INTEGER NOT NULL REFERENCES customers (id),
    provider           TEXT NOT NULL,
    report_date        TEXT NOT NULL,
    bank_name          TEXT NOT NULL,
    account_holder     TEXT NOT NULL,
    account_iban       TEXT NOT NULL,
    avg_income_cents   INTEGER NOT NULL,
    avg_expenses_cents INTEGER NOT NULL,
    balance_cents      INTEGER NOT NULL
);
CREATE INDEX bank_reports_customer ON bank_reports (customer_id, report_date);

CREATE TABLE invoices (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    number       TEXT NOT NULL UNIQUE,
    payee        TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    issued_on    TEXT NOT NULL,
    due_date     TEXT NOT NULL
);
CREATE INDEX invoices_customer ON invoices (customer_id, issued_on);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    paid_on      TEXT NOT NULL
);
CREATE INDEX payments_invoice ON payments (invoice_id);

-- Server-side sessions. Only a hash of the cookie's token is stored, so a copy of the
-- database does not hand out live sessions. Times are Unix seconds.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    -- When the password was last entered in this session (sign-in or re-authentication).
    password_at  INTEGER NOT NULL
);
CREATE INDEX sessions_customer ON sessions (customer_id);

-- Failed sign-ins per email, to slow down password guessing.
CREATE TABLE sign_in_failures (
    email TEXT NOT NULL COLLATE NOCASE,
    at    INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at);
