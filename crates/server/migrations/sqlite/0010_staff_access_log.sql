-- What customer service looked for and at: every search (with what was typed), every
-- customer record opened and every activation link sent, with who and when. Append-only,
-- like the other logs.
CREATE TABLE staff_access_log (
    id       INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    action   TEXT NOT NULL CHECK (action IN ('search', 'view', 'activation_link')),
    detail   TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX staff_access_log_staff ON staff_access_log (staff_id, at);
CREATE TRIGGER staff_access_log_no_update BEFORE UPDATE ON staff_access_log
BEGIN SELECT RAISE(ABORT, 'staff_access_log is append-only'); END;
CREATE TRIGGER staff_access_log_no_delete BEFORE DELETE ON staff_access_log
BEGIN SELECT RAISE(ABORT, 'staff_access_log is append-only'); END;
