-- As migrations/sqlite/0006_sign_in_failures_per_client.sql.
ALTER TABLE sign_in_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX sign_in_failures_client ON sign_in_failures (client, at);
