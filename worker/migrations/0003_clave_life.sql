-- Migration number: 0003 	 The clave's whole life: alta, change, recovery, notifications, "No fui yo".

-- The número de trámite printed on the DNI card: ANSES uses it to check the person holds the card (alta).
ALTER TABLE citizens ADD COLUMN dni_tramite TEXT;
-- Set by "No fui yo": the account refuses every sign-in until the person recovers the clave.
ALTER TABLE citizens ADD COLUMN locked_at INTEGER;

-- Hashes of retired claves, so a new clave cannot be one of the last five.
CREATE TABLE clave_history (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	hash TEXT NOT NULL,
	retired_at INTEGER NOT NULL
);
CREATE INDEX clave_history_citizen ON clave_history (citizen_id, retired_at DESC);

-- Answers to security questions: normalised, then Argon2id with the pepper, like the clave.
CREATE TABLE security_answers (
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	question_id TEXT NOT NULL,
	hash TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (citizen_id, question_id)
) WITHOUT ROWID;

-- One row per recovery or alta attempt. The browser holds a random token; only its SHA-256 is here.
-- citizen_id is NULL when the CUIL does not exist: the flow looks the same so the page reveals nothing.
CREATE TABLE recoveries (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('recuperacion', 'alta')),
	cuil TEXT NOT NULL,
	citizen_id INTEGER REFERENCES citizens (id) ON DELETE CASCADE,
	questions TEXT NOT NULL DEFAULT '[]',
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	answers_ok_at INTEGER,
	code_hash TEXT,
	code_expires_at INTEGER,
	code_attempts INTEGER NOT NULL DEFAULT 0,
	verified_at INTEGER,
	completed_at INTEGER
) WITHOUT ROWID;
CREATE INDEX recoveries_citizen ON recoveries (citizen_id, created_at DESC);

-- Transactional outbox: a message is queued in the same batch as the change it reports, and a sender
-- delivers it later. Locally the dev mailbox reads it.
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER REFERENCES citizens (id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
	recipient TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	sent_at INTEGER
);
CREATE INDEX outbox_unsent ON outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_citizen ON outbox (citizen_id, created_at DESC);

-- "No fui yo" links in notifications (SHA-256 of the token; the token travels in the URL fragment).
CREATE TABLE no_fui_yo_tokens (
	token_hash TEXT PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER
) WITHOUT ROWID;

-- A recovery or alta completes once: the first statement of its batch inserts here, so a second
-- submission of the same flow fails on the primary key and its whole batch rolls back.
CREATE TABLE flow_completions (
	recovery_id TEXT PRIMARY KEY,
	completed_at INTEGER NOT NULL
) WITHOUT ROWID;
