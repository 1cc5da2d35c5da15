-- Failed sign-ins are counted per client address too, so that one client's guessing slows
-- that client down instead of locking the customer out (see store/sessions.rs).
ALTER TABLE sign_in_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX sign_in_failures_client ON sign_in_failures (client, at);
