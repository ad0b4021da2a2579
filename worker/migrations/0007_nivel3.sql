-- Migration number: 0007 	 Nivel 3: offices (UDAI), appointments (turnos), who granted nivel 3, operators, audit log.
-- Times are Unix epoch milliseconds; appointment dates and times are Argentina's wall clock (TEXT).

-- ANSES offices. Reference data: a few hundred in the whole country, the same in every environment,
-- so the rows live here and not in the demo seed.
CREATE TABLE udais (
	id INTEGER PRIMARY KEY,
	nombre TEXT NOT NULL,
	direccion TEXT NOT NULL,
	localidad TEXT NOT NULL,
	provincia TEXT NOT NULL,
	-- Opening hours Monday to Friday (no holidays), minutes after midnight in Argentina.
	abre INTEGER NOT NULL CHECK (abre BETWEEN 0 AND 1439),
	cierra INTEGER NOT NULL CHECK (cierra > abre AND cierra <= 1440),
	-- Every slot lasts this long; `capacidad` people can be seen at once (one per counter).
	turno_minutos INTEGER NOT NULL CHECK (turno_minutos BETWEEN 5 AND 120),
	capacidad INTEGER NOT NULL CHECK (capacidad BETWEEN 1 AND 50)
);

INSERT INTO udais (id, nombre, direccion, localidad, provincia, abre, cierra, turno_minutos, capacidad) VALUES
	(1, 'UDAI Once', 'Av. Rivadavia 2865', 'Balvanera', 'Ciudad Autónoma de Buenos Aires', 480, 840, 20, 3),
	(2, 'UDAI La Plata', 'Calle 7 N.º 1115', 'La Plata', 'Buenos Aires', 480, 840, 30, 2),
	(3, 'UDAI Córdoba Centro', 'Av. Vélez Sarsfield 56', 'Córdoba', 'Córdoba', 450, 810, 20, 2),
	(4, 'UDAI Rosario', 'Sarmiento 767', 'Rosario', 'Santa Fe', 480, 810, 30, 2),
	(5, 'UDAI San Miguel de Tucumán', 'Av. Sarmiento 350', 'San Miguel de Tucumán', 'Tucumán', 450, 780, 30, 1),
	(6, 'UDAI Mendoza', 'Av. San Martín 1150', 'Mendoza', 'Mendoza', 480, 810, 20, 2),
	(7, 'UDAI Neuquén', 'Av. Argentina 190', 'Neuquén', 'Neuquén', 480, 780, 30, 1);

CREATE TABLE turnos (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	udai_id INTEGER NOT NULL REFERENCES udais (id),
	motivo TEXT NOT NULL CHECK (motivo IN ('validacion_identidad')),
	fecha TEXT NOT NULL CHECK (fecha GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	hora TEXT NOT NULL CHECK (hora GLOB '[0-2][0-9]:[0-5][0-9]'),
	estado TEXT NOT NULL DEFAULT 'reservado' CHECK (estado IN ('reservado', 'cancelado', 'atendido')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
-- Seats taken in a slot (the booking's capacity check) and an office's day (the operator's list).
CREATE INDEX turnos_slot ON turnos (udai_id, fecha, hora, estado);
CREATE INDEX turnos_citizen ON turnos (citizen_id, estado, fecha);
-- One live appointment per person and reason: a person cannot hold several seats of the same queue.
CREATE UNIQUE INDEX turnos_one_live ON turnos (citizen_id, motivo) WHERE estado = 'reservado';

-- Office staff. A role given by ANSES, not something an account can ask for: no API writes this table.
CREATE TABLE operators (
	citizen_id INTEGER PRIMARY KEY REFERENCES citizens (id),
	udai_id INTEGER NOT NULL REFERENCES udais (id),
	legajo TEXT NOT NULL UNIQUE,
	activo INTEGER NOT NULL DEFAULT 1 CHECK (activo IN (0, 1)),
	created_at INTEGER NOT NULL
);

-- When, where and by whom nivel 3 was granted (issue 8, point 1). A person validated twice has two rows.
CREATE TABLE nivel_grants (
	id INTEGER PRIMARY KEY,
	citizen_id INTEGER NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
	udai_id INTEGER NOT NULL REFERENCES udais (id),
	operator_id INTEGER NOT NULL REFERENCES operators (citizen_id),
	turno_id INTEGER REFERENCES turnos (id),
	granted_at INTEGER NOT NULL,
	notas TEXT
);
CREATE INDEX nivel_grants_citizen ON nivel_grants (citizen_id, granted_at DESC);
-- The foreign key's own index: without it every new turno makes SQLite scan this table.
CREATE INDEX nivel_grants_turno ON nivel_grants (turno_id);

-- Every operator action: who, on whom, when, where. Append-only (ASVS 5.0 16.4.2): the triggers below
-- refuse any UPDATE or DELETE, whatever code or console tries it. No foreign keys on purpose: the trail
-- must outlive the accounts it names (a cascade would erase it, a restriction would block closing one).
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	operator_id INTEGER NOT NULL,
	udai_id INTEGER NOT NULL,
	citizen_id INTEGER,
	action TEXT NOT NULL,
	detail TEXT
);
CREATE INDEX audit_log_citizen ON audit_log (citizen_id, at DESC);
CREATE INDEX audit_log_operator ON audit_log (operator_id, at DESC);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log es de solo agregado');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log es de solo agregado');
END;
