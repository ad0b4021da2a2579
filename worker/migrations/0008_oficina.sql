-- Migration number: 0008 	 Oficina: provisional claves handed out at an office after an in-person reset.
-- Times are Unix epoch milliseconds.

-- A code printed for the person at the counter. Only HMAC(pepper, context + code) is kept, never the
-- code (ASVS 5.0 6.4.1: initial and recovery secrets are random, short-lived and stored like a
-- password). It opens exactly one thing: the screen that sets a new clave (/clave/provisoria).
CREATE TABLE claves_provisorias (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	operator_id INTEGER NOT NULL REFERENCES operators (citizen_id),
	udai_id INTEGER NOT NULL REFERENCES udais (id),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	-- Wrong codes typed for this one; at the limit it stops working (as if it expired).
	attempts INTEGER NOT NULL DEFAULT 0,
	-- Set when the person chose the new clave with it: single use.
	used_at INTEGER,
	-- Set when a newer code replaced it before it was used.
	revoked_at INTEGER,
	-- After the code was checked, the browser holds a random token for the "choose your clave" step;
	-- only its SHA-256 is here, valid for a few minutes.
	flow_hash TEXT,
	flow_expires_at INTEGER
);
CREATE INDEX claves_provisorias_citizen ON claves_provisorias (citizen_id, created_at DESC);
CREATE UNIQUE INDEX claves_provisorias_flow ON claves_provisorias (flow_hash) WHERE flow_hash IS NOT NULL;
CREATE INDEX claves_provisorias_operator ON claves_provisorias (operator_id);
