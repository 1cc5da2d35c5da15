-- When each marketing choice last changed: one index seek per choice.
CREATE INDEX consent_log_choice ON consent_log (customer_id, choice, at);
