-- Migration number: 0004 	 Citizen services: benefits, payments, contributions, requests and personal data.
-- Amounts are integer centavos (ARS × 100); periods are 'YYYY-MM'; dates 'YYYY-MM-DD'; times epoch ms.
-- Every table that grows with the number of citizens is reached through citizen_id (or its parent's
-- key), and every query a screen makes is served by a primary key or an index below
-- (tests/worker/query-plans.test.ts runs EXPLAIN QUERY PLAN on each of them).

-- Monthly reference amounts, as data: they change every month (movilidad by CPI with a two-month lag),
-- so code never holds them. 'publicado' rows are the published figures of shared/DOMAIN.md; 'estimado'
-- rows are interpolated between them (2025) or projected with a plausible indexation (March 2026 on)
-- for the demo, and are to be replaced by the published figures.
CREATE TABLE montos_referencia (
	periodo TEXT PRIMARY KEY CHECK (periodo GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
	haber_minimo INTEGER NOT NULL,
	haber_maximo INTEGER NOT NULL,
	-- Pensión Universal para el Adulto Mayor: 80 % of the haber mínimo.
	puam INTEGER NOT NULL,
	-- Asignación Universal por Hijo, per child (before the 20 % retained until the Libreta is presented).
	auh INTEGER NOT NULL,
	-- Bono previsional for haberes at or below the mínimo (topping up those just above it).
	bono INTEGER NOT NULL,
	-- Indexation applied this month, in basis points (240 = 2.4 %).
	movilidad_bp INTEGER,
	fuente TEXT NOT NULL CHECK (fuente IN ('publicado', 'estimado'))
) WITHOUT ROWID;

INSERT INTO montos_referencia (periodo, haber_minimo, haber_maximo, puam, auh, bono, movilidad_bp, fuente) VALUES
	('2024-12', 25959876, 174685386, 20767901, 9182008, 7000000, NULL, 'publicado'),
	('2025-01', 26557394, 178706117, 21245915, 9393350, 7000000, 230, 'estimado'),
	('2025-02', 27168666, 182819398, 21734933, 9609557, 7000000, 230, 'estimado'),
	('2025-03', 27794007, 187027351, 22235206, 9830740, 7000000, 230, 'estimado'),
	('2025-04', 28433742, 191332162, 22746994, 10057015, 7000000, 230, 'estimado'),
	('2025-05', 29088201, 195736051, 23270561, 10288497, 7000000, 230, 'estimado'),
	('2025-06', 29757724, 200241307, 23806179, 10525307, 7000000, 230, 'estimado'),
	('2025-07', 30442658, 204850265, 24354126, 10767568, 7000000, 230, 'estimado'),
	('2025-08', 31143357, 209565305, 24914686, 11015405, 7000000, 230, 'estimado'),
	('2025-09', 31860184, 214388872, 25488147, 11268947, 7000000, 230, 'estimado'),
	('2025-10', 32593510, 219323462, 26074808, 11528324, 7000000, 230, 'estimado'),
	('2025-11', 33343715, 224371631, 26674972, 11793672, 7000000, 230, 'estimado'),
	('2025-12', 34111262, 229536496, 27289010, 12065153, 7000000, 230, 'estimado'),
	('2026-01', 34929932, 235045370, 27943946, 12354717, 7000000, 240, 'publicado'),
	('2026-02', 35925434, 241744164, 28740347, 12706826, 7000000, 285, 'publicado'),
	('2026-03', 36967272, 248754739, 29573818, 13075324, 7000000, 290, 'estimado'),
	('2026-04', 37928421, 255222362, 30342737, 13415283, 7000000, 260, 'estimado'),
	('2026-05', 38876632, 261602924, 31101306, 13750665, 7000000, 250, 'estimado'),
	('2026-06', 39770795, 267619795, 31816636, 14066930, 7000000, 230, 'estimado'),
	('2026-07', 40605982, 273239812, 32484786, 14362336, 7000000, 210, 'estimado'),
	('2026-08', 41418102, 278704611, 33134482, 14649583, 7000000, 200, 'estimado'),
	('2026-09', 42205046, 283999999, 33764037, 14927925, 7000000, 190, 'estimado'),
	('2026-10', 43049147, 289680000, 34439318, 15226483, 7000000, 200, 'estimado'),
	('2026-11', 43953179, 295763279, 35162543, 15546239, 7000000, 210, 'estimado'),
	('2026-12', 44832243, 301678547, 35865794, 15857164, 7000000, 200, 'estimado');

-- Lines of a recibo (pay slip): what each code means, in the words the recibo prints.
CREATE TABLE conceptos (
	codigo TEXT PRIMARY KEY,
	descripcion TEXT NOT NULL,
	tipo TEXT NOT NULL CHECK (tipo IN ('haber', 'descuento'))
) WITHOUT ROWID;

INSERT INTO conceptos (codigo, descripcion, tipo) VALUES
	('001', 'Haber jubilatorio', 'haber'),
	('002', 'Haber de pensión', 'haber'),
	('010', 'Asignación Universal por Hijo', 'haber'),
	('011', 'Asignación Familiar por Hijo', 'haber'),
	('020', 'Prestación por desempleo', 'haber'),
	('050', 'Bono previsional', 'haber'),
	('301', 'INSSJP (PAMI), Ley 19.032', 'descuento'),
	('310', 'Retención del 20 % de la AUH (se cobra al presentar la Libreta)', 'descuento'),
	('320', 'Cuota de préstamo ANSES', 'descuento');

-- Where benefits are paid: a bank branch (boca de pago). Few rows, shared by everyone.
CREATE TABLE bocas_pago (
	id INTEGER PRIMARY KEY,
	banco TEXT NOT NULL,
	sucursal TEXT NOT NULL,
	domicilio TEXT NOT NULL,
	localidad TEXT NOT NULL,
	provincia TEXT NOT NULL
);

-- A person's benefits. AUH and Asignación Familiar are one row per child, as ANSES liquidates them.
CREATE TABLE prestaciones (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	tipo TEXT NOT NULL CHECK (tipo IN ('jubilacion', 'pension', 'auh', 'asignacion_familiar', 'desempleo')),
	-- The benefit's name as the person knows it: 'Jubilación ordinaria', 'Pensión Universal para el Adulto Mayor'…
	denominacion TEXT NOT NULL,
	estado TEXT NOT NULL CHECK (estado IN ('activa', 'en_tramite', 'suspendida', 'finalizada')),
	-- Why the benefit is in that state, in plain Spanish, for the person to read.
	motivo TEXT NOT NULL,
	alta TEXT NOT NULL,
	-- The day payments stopped (suspendida, finalizada); NULL while they go on.
	baja TEXT,
	-- Monthly haber or amount before deductions and without the bono, at the latest period paid.
	haber INTEGER NOT NULL DEFAULT 0 CHECK (haber >= 0),
	hijo_nombre TEXT,
	hijo_dni TEXT,
	boca_pago_id INTEGER REFERENCES bocas_pago (id),
	cbu TEXT CHECK (cbu IS NULL OR length(cbu) = 22),
	updated_at INTEGER NOT NULL
);
CREATE INDEX prestaciones_citizen ON prestaciones (citizen_id);

-- One row per benefit and month paid. citizen_id is copied from the benefit so that a person's payments
-- across benefits are one index range, newest first.
CREATE TABLE pagos (
	id INTEGER PRIMARY KEY,
	prestacion_id INTEGER NOT NULL REFERENCES prestaciones (id) ON DELETE CASCADE,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	periodo TEXT NOT NULL,
	fecha_pago TEXT NOT NULL,
	bruto INTEGER NOT NULL,
	descuentos INTEGER NOT NULL,
	neto INTEGER NOT NULL CHECK (neto = bruto - descuentos),
	boca_pago_id INTEGER REFERENCES bocas_pago (id),
	UNIQUE (prestacion_id, periodo)
);
-- The rowid (id) ends every index entry, so this index also orders ties within a period by id.
CREATE INDEX pagos_citizen_periodo ON pagos (citizen_id, periodo);

-- The lines of each recibo: every haber and every descuento, in the order printed.
CREATE TABLE pago_conceptos (
	pago_id INTEGER NOT NULL REFERENCES pagos (id) ON DELETE CASCADE,
	orden INTEGER NOT NULL,
	codigo TEXT NOT NULL REFERENCES conceptos (codigo),
	monto INTEGER NOT NULL CHECK (monto >= 0),
	PRIMARY KEY (pago_id, orden)
) WITHOUT ROWID;

-- Employers named in the historia laboral (CUIT 30/33/34). Shared by all their employees.
CREATE TABLE empleadores (
	cuit TEXT PRIMARY KEY CHECK (length(cuit) = 11),
	razon_social TEXT NOT NULL
) WITHOUT ROWID;

-- Historia laboral: one row per employment (relación de dependencia) …
CREATE TABLE empleos (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	cuit TEXT NOT NULL REFERENCES empleadores (cuit),
	desde TEXT NOT NULL,
	-- NULL while the job goes on.
	hasta TEXT
);
CREATE INDEX empleos_citizen ON empleos (citizen_id, desde);

-- … and one per month the employer declared: remuneración and the personal aportes to SIPA.
-- Keyed by employment and month, so a person's months are found through their employments' ids.
CREATE TABLE aportes (
	empleo_id INTEGER NOT NULL REFERENCES empleos (id) ON DELETE CASCADE,
	periodo TEXT NOT NULL,
	remuneracion INTEGER NOT NULL CHECK (remuneracion >= 0),
	aportes INTEGER NOT NULL CHECK (aportes >= 0),
	PRIMARY KEY (empleo_id, periodo)
) WITHOUT ROWID;

-- Requests (trámites) and their state history.
CREATE TABLE tramites (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	tipo TEXT NOT NULL,
	-- The form as submitted (validated by src/lib/domain/api/servicios.ts), for the person and the analyst.
	datos TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(datos)),
	estado TEXT NOT NULL CHECK (estado IN ('iniciado', 'en_analisis', 'requiere_documentacion', 'resuelto', 'rechazado')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX tramites_citizen_created ON tramites (citizen_id, created_at);

CREATE TABLE tramite_estados (
	tramite_id INTEGER NOT NULL REFERENCES tramites (id) ON DELETE CASCADE,
	orden INTEGER NOT NULL,
	estado TEXT NOT NULL CHECK (estado IN ('iniciado', 'en_analisis', 'requiere_documentacion', 'resuelto', 'rechazado')),
	fecha INTEGER NOT NULL,
	-- What happened, in Spanish, for the person: 'Falta la partida de nacimiento. Subila o llevala a una UDAI.'
	nota TEXT NOT NULL,
	PRIMARY KEY (tramite_id, orden)
) WITHOUT ROWID;

-- The address on file (Mis datos). Email and phone stay on citizens, where sign-in and recovery read them.
CREATE TABLE domicilios (
	citizen_id INTEGER PRIMARY KEY REFERENCES citizens (id) ON DELETE CASCADE,
	calle TEXT NOT NULL,
	numero TEXT NOT NULL,
	piso TEXT,
	depto TEXT,
	localidad TEXT NOT NULL,
	provincia TEXT NOT NULL,
	codigo_postal TEXT NOT NULL,
	updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A requested change of email or phone, waiting for the code sent to the NEW address. The code is stored
-- as an HMAC keyed with the pepper; 5 attempts, 10 minutes, single use.
CREATE TABLE cambios_contacto (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	campo TEXT NOT NULL CHECK (campo IN ('email', 'telefono')),
	valor TEXT NOT NULL,
	code_hash TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	used_at INTEGER
);
CREATE INDEX cambios_contacto_citizen ON cambios_contacto (citizen_id, created_at);
