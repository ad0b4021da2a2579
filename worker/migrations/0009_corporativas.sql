-- Migration number: 0009 	 Aplicaciones corporativas: employer representatives and the Certificación de
-- Servicios y Remuneraciones (PS 6.2) they sign; the certificate type it becomes for the employee.
-- Times are epoch ms; months 'YYYY-MM'; amounts integer centavos.

-- The employer's address, printed on the certification (NULL for the generated employers).
ALTER TABLE empleadores ADD COLUMN domicilio TEXT;

-- Who may act for an employer (CUIT) in the corporate applications. Granted by ANSES after checking the
-- company's papers (in the real system, AFIP's "administrador de relaciones"): no API writes this table,
-- only the seed and ANSES's own tools. The account must also be nivel 3 at the time it acts (checked on
-- every request from the session, not stored here). `revocado_at` ends the representation without
-- erasing who acted before.
CREATE TABLE representantes (
	citizen_id INTEGER NOT NULL REFERENCES citizens (id),
	cuit TEXT NOT NULL REFERENCES empleadores (cuit),
	cargo TEXT NOT NULL,
	otorgado_at INTEGER NOT NULL,
	revocado_at INTEGER,
	PRIMARY KEY (citizen_id, cuit)
) WITHOUT ROWID;
-- The foreign key's own index (an employer's representatives; a new employer row must not scan this).
CREATE INDEX representantes_cuit ON representantes (cuit);

-- Every certification signed by a representative: who certified (representante_id), for which employer
-- (cuit) and employment (empleo_id), whose services (citizen_id), when, and the months and amounts as
-- certified (JSON [{periodo, remuneracion, aportes}], validated by the Worker with
-- src/lib/domain/corporativas.ts). It is the audit record itself: audit_log is for office operators
-- (operator_id and udai_id are required there), a representative is neither. Append-only (ASVS 5.0
-- 16.4.2): a correction is a new certification, never an edit; the triggers refuse UPDATE and DELETE.
-- No foreign keys on purpose, as in audit_log: the record must outlive the accounts it names.
CREATE TABLE certificaciones_servicios (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL,
	empleo_id INTEGER NOT NULL,
	cuit TEXT NOT NULL CHECK (length(cuit) = 11),
	representante_id INTEGER NOT NULL,
	desde TEXT NOT NULL CHECK (desde GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
	hasta TEXT NOT NULL CHECK (hasta GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' AND hasta >= desde),
	remuneraciones TEXT NOT NULL CHECK (json_valid(remuneraciones) AND json_type(remuneraciones) = 'array'),
	total INTEGER NOT NULL CHECK (total >= 0),
	certificado_at INTEGER NOT NULL,
	-- Request details of the signing session, as security_events keep them.
	ip TEXT,
	user_agent TEXT
);
-- The employee's list (Mis certificados), the representative's history, the employment's certifications.
CREATE INDEX certificaciones_servicios_citizen ON certificaciones_servicios (citizen_id, certificado_at DESC);
CREATE INDEX certificaciones_servicios_representante ON certificaciones_servicios (representante_id, certificado_at DESC);
CREATE INDEX certificaciones_servicios_empleo ON certificaciones_servicios (empleo_id, certificado_at DESC);

CREATE TRIGGER certificaciones_servicios_no_update BEFORE UPDATE ON certificaciones_servicios
BEGIN
	SELECT RAISE(ABORT, 'certificaciones_servicios es de solo agregado');
END;

CREATE TRIGGER certificaciones_servicios_no_delete BEFORE DELETE ON certificaciones_servicios
BEGIN
	SELECT RAISE(ABORT, 'certificaciones_servicios es de solo agregado');
END;

-- The new certificate type. SQLite cannot change a CHECK constraint in place: the table is rebuilt with
-- the same columns and index, rows copied as they are (nothing references certificados).
CREATE TABLE certificados_v2 (
	id INTEGER PRIMARY KEY,
	codigo TEXT NOT NULL UNIQUE CHECK (length(codigo) = 14),
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	tipo TEXT NOT NULL CHECK (tipo IN ('cuil', 'negativa', 'servicios', 'aportes', 'prestacion', 'servicios_remuneraciones')),
	datos TEXT NOT NULL CHECK (json_valid(datos)),
	hechos TEXT NOT NULL CHECK (json_valid(hechos)),
	qr TEXT NOT NULL,
	sello TEXT NOT NULL,
	pdf_key TEXT NOT NULL,
	pdf_sha256 TEXT NOT NULL,
	pdf_bytes INTEGER NOT NULL CHECK (pdf_bytes > 0),
	kid TEXT NOT NULL,
	emitido TEXT NOT NULL,
	emitido_at INTEGER NOT NULL,
	vence TEXT NOT NULL,
	revocado_at INTEGER,
	motivo_revocacion TEXT
);
INSERT INTO certificados_v2 (id, codigo, citizen_id, tipo, datos, hechos, qr, sello, pdf_key, pdf_sha256,
		pdf_bytes, kid, emitido, emitido_at, vence, revocado_at, motivo_revocacion)
	SELECT id, codigo, citizen_id, tipo, datos, hechos, qr, sello, pdf_key, pdf_sha256,
		pdf_bytes, kid, emitido, emitido_at, vence, revocado_at, motivo_revocacion
	FROM certificados;
DROP TABLE certificados;
ALTER TABLE certificados_v2 RENAME TO certificados;
CREATE INDEX certificados_citizen ON certificados (citizen_id, emitido_at);
