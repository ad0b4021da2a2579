-- Migration number: 0001 	 The foundation: citizens, their clave, sessions, known devices, security events.
-- Times are Unix epoch milliseconds (INTEGER); dates of birth are ISO dates (TEXT).

CREATE TABLE citizens (
	id INTEGER PRIMARY KEY,
	-- Canonical eleven digits, no dashes: the form every query compares.
	cuil TEXT NOT NULL UNIQUE CHECK (length(cuil) = 11),
	dni TEXT NOT NULL,
	nombres TEXT NOT NULL,
	apellidos TEXT NOT NULL,
	sexo TEXT NOT NULL CHECK (sexo IN ('F', 'M', 'X')),
	fecha_nacimiento TEXT NOT NULL,
	email TEXT,
	telefono TEXT,
	-- Clave level: 2 when created online, 3 after in-person validation at a UDAI.
	nivel INTEGER NOT NULL DEFAULT 2 CHECK (nivel IN (2, 3)),
	created_at INTEGER NOT NULL
);
CREATE INDEX citizens_dni ON citizens (dni);

-- One row per citizen who has a clave. Seeded citizens without a row have not created theirs yet.
CREATE TABLE claves (
	citizen_id INTEGER PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
	-- PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, keyed with the server-side pepper.
	hash TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

-- Only the SHA-256 of the session token is stored: a leaked table cannot be replayed as cookies.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	authenticated_at INTEGER NOT NULL,
	auth_method TEXT NOT NULL CHECK (auth_method IN ('clave', 'passkey')),
	ip TEXT,
	user_agent TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_citizen ON sessions (citizen_id);

-- Devices that have signed in to an account before (long-lived cookie, stored as SHA-256). One device
-- may be known to several accounts (a shared family phone), hence the pair as key.
CREATE TABLE known_devices (
	token_hash TEXT NOT NULL,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	last_used_at INTEGER NOT NULL,
	user_agent TEXT,
	PRIMARY KEY (token_hash, citizen_id)
) WITHOUT ROWID;
CREATE INDEX known_devices_citizen ON known_devices (citizen_id);

-- What happened to an account, for the person ("who used my clave") and for investigation.
-- Never holds clave material, tokens or codes.
CREATE TABLE security_events (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	type TEXT NOT NULL,
	at INTEGER NOT NULL,
	ip TEXT,
	user_agent TEXT,
	detail TEXT
);
CREATE INDEX security_events_citizen_at ON security_events (citizen_id, at DESC);
