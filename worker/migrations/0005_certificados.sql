-- Migration number: 0005 	 Certificates: what was issued, to whom, and the records a Certificación Negativa looks at.
-- Times are epoch ms; dates 'YYYY-MM-DD' (Argentina); periods 'YYYY-MM'. Every query a screen makes is
-- served by a key or an index below (tests/worker/query-plans.test.ts runs EXPLAIN QUERY PLAN on each).

-- One row per certificate issued. The sealed PDF lives in R2 (ARCHIVOS, key `pdf_key`); the row is
-- inserted only after the PDF is stored, so a row always has its file (worker/certificados/routes.ts).
CREATE TABLE certificados (
	id INTEGER PRIMARY KEY,
	-- The short verification code printed on the paper, XXXX-XXXX-XXXX (60 random bits). UNIQUE: a
	-- collision fails the insert and the Worker issues again with a new code.
	codigo TEXT NOT NULL UNIQUE CHECK (length(codigo) = 14),
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	tipo TEXT NOT NULL CHECK (tipo IN ('cuil', 'negativa', 'servicios', 'aportes', 'prestacion')),
	-- DatosCertificado (src/lib/domain/api/certificados.ts): what the app renders; its hash is the seal's x.
	datos TEXT NOT NULL CHECK (json_valid(datos)),
	-- The signed key facts (the claims' `d`), for the public verification by code.
	hechos TEXT NOT NULL CHECK (json_valid(hechos)),
	-- The two compact JWS: the QR's claims, and the document seal (claims + PDF hash + data hash).
	qr TEXT NOT NULL,
	sello TEXT NOT NULL,
	pdf_key TEXT NOT NULL,
	-- SHA-256 (base64url) and size of the sealed file as stored, for the download's Content-Length and checks.
	pdf_sha256 TEXT NOT NULL,
	pdf_bytes INTEGER NOT NULL CHECK (pdf_bytes > 0),
	-- The signing key's id, so a rotation can tell which certificates an old key signed.
	kid TEXT NOT NULL,
	emitido TEXT NOT NULL,
	emitido_at INTEGER NOT NULL,
	vence TEXT NOT NULL,
	-- Set when the holder (or ANSES) revokes it; the online verification then says "revocado".
	revocado_at INTEGER,
	motivo_revocacion TEXT
);
-- The person's list, newest first, and the daily issuance count.
CREATE INDEX certificados_citizen ON certificados (citizen_id, emitido_at);

-- Records that a Certificación Negativa must look at and that no other table holds: payments as
-- autónomo, monotributista or in casas particulares, the asignación por maternidad for casas
-- particulares, declarations from provinces outside SIPA, social programmes and Progresar (in the real
-- system they come from AFIP and other registries). Employment, AUH, asignaciones familiares,
-- desempleo and jubilaciones come from their own tables (0004).
CREATE TABLE registros_externos (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	tipo TEXT NOT NULL CHECK (tipo IN ('autonomo', 'monotributo', 'casas_particulares',
		'maternidad_casas_particulares', 'provincial_no_sipa', 'programa_social', 'progresar')),
	-- Who or what, as the screen names it: 'Monotributo categoría A', 'Potenciar Trabajo'…
	detalle TEXT NOT NULL,
	desde TEXT NOT NULL CHECK (desde GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
	-- NULL while it goes on.
	hasta TEXT CHECK (hasta IS NULL OR hasta GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]')
);
CREATE INDEX registros_externos_citizen ON registros_externos (citizen_id, desde);
