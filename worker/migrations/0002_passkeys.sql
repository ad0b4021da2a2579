-- Migration number: 0002 	 Passkeys (WebAuthn credentials) alongside the clave.

-- The WebAuthn user handle: random, not the CUIL, because authenticators may show or sync it and it
-- must not carry personal data (WebAuthn Level 3 §14.6.1). Created at the first registration.
ALTER TABLE citizens ADD COLUMN webauthn_user_id TEXT;
CREATE UNIQUE INDEX citizens_webauthn_user_id ON citizens (webauthn_user_id);

CREATE TABLE passkeys (
	-- Credential ID (base64url). Primary key: a credential registered to anyone is never registered
	-- again (WebAuthn Level 3 §7.1 step 26).
	id TEXT PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	public_key BLOB NOT NULL,
	counter INTEGER NOT NULL DEFAULT 0,
	transports TEXT,
	aaguid TEXT NOT NULL,
	backup_eligible INTEGER NOT NULL CHECK (backup_eligible IN (0, 1)),
	backed_up INTEGER NOT NULL CHECK (backed_up IN (0, 1)),
	name TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_used_at INTEGER
) WITHOUT ROWID;
CREATE INDEX passkeys_citizen ON passkeys (citizen_id);
