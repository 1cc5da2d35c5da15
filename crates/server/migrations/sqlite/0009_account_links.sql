-- Links that let a customer set a password: activation (an account the billing side made,
-- never used) and a forgotten password. Only a hash of the link's token is stored; a link
-- works once, until expires_at (Unix seconds).
ALTER TABLE customers ADD COLUMN activated_at TEXT;
-- Every customer so far chose a password at sign-up.
UPDATE customers SET activated_at = customer_since || 'T00:00:00Z';

CREATE TABLE account_links (
    token_hash  TEXT PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('activation', 'reset')),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX account_links_customer ON account_links (customer_id, used_at);

-- Who asked for a link for which address, and when: asking is limited per client and per
-- address, the same whether or not the address is a customer's.
CREATE TABLE link_requests (
    client TEXT NOT NULL,
    email  TEXT NOT NULL COLLATE NOCASE,
    at     INTEGER NOT NULL
);
CREATE INDEX link_requests_client ON link_requests (client, at);
CREATE INDEX link_requests_email ON link_requests (email, at);
