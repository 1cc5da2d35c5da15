-- As migrations/sqlite/0009_account_links.sql.
ALTER TABLE customers ADD COLUMN activated_at TEXT;
UPDATE customers SET activated_at = customer_since || 'T00:00:00Z';

CREATE TABLE account_links (
    token_hash  TEXT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('activation', 'reset')),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX account_links_customer ON account_links (customer_id, used_at);

CREATE TABLE link_requests (
    client TEXT NOT NULL,
    email  TEXT COLLATE nocase NOT NULL,
    at     BIGINT NOT NULL
);
CREATE INDEX link_requests_client ON link_requests (client, at);
CREATE INDEX link_requests_email ON link_requests (email, at);
