-- Migration number: 0006 	 Documents people hand in (issue 7, point 6): the Libreta AUH, papers a trámite asks for.
-- The file lives in R2 (ARCHIVOS, key `r2_key` = documentos/<citizen id>/<idempotency key>); the row is
-- inserted only after the file is stored, so a row always has its file (worker/documentos/routes.ts).
CREATE TABLE documentos (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	-- The UUID the phone chose when it queued the upload. UNIQUE per person: a retried upload (dropped
	-- connection, replayed outbox) finds the row already there and gets the same document back.
	idempotency_key TEXT NOT NULL CHECK (length(idempotency_key) = 36),
	motivo TEXT NOT NULL CHECK (motivo IN ('libreta_auh', 'tramite')),
	-- libreta_auh: the child's AUH (one prestación per child) and the year it certifies.
	prestacion_id INTEGER REFERENCES prestaciones (id) ON DELETE CASCADE,
	anio INTEGER,
	-- tramite: the request that asked for it.
	tramite_id INTEGER REFERENCES tramites (id) ON DELETE CASCADE,
	-- Read from the file's first bytes by the Worker, never from the Content-Type sent.
	tipo TEXT NOT NULL CHECK (tipo IN ('image/jpeg', 'image/png', 'application/pdf')),
	bytes INTEGER NOT NULL CHECK (bytes > 0 AND bytes <= 10485760),
	-- SHA-256 (base64url) of the bytes: a replay with the same key but another file is told apart.
	sha256 TEXT NOT NULL,
	r2_key TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	UNIQUE (citizen_id, idempotency_key),
	CHECK (
		(motivo = 'libreta_auh' AND prestacion_id IS NOT NULL AND anio IS NOT NULL AND tramite_id IS NULL)
		OR (motivo = 'tramite' AND tramite_id IS NOT NULL AND prestacion_id IS NULL AND anio IS NULL)
	)
);
-- The person's list, newest first, and the daily count.
CREATE INDEX documentos_citizen_created ON documentos (citizen_id, created_at);
