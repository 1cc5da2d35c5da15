-- The browser and system a customer signed in with, as words ("Firefox", "Android"), so the
-- signed-in devices list can name each session. Only these are kept of the User-Agent.
ALTER TABLE sessions ADD COLUMN browser TEXT;
ALTER TABLE sessions ADD COLUMN system TEXT;
