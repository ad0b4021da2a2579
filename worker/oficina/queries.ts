/** SQL of the office console and of provisional claves, named so tests/worker/query-plans.test.ts checks each. */
export const SQL = {
	operator: `SELECT o.citizen_id, o.udai_id, o.legajo, u.nombre, u.direccion, u.localidad
		FROM operators o JOIN udais u ON u.id = o.udai_id WHERE o.citizen_id = ?1 AND o.activo = 1`,
	audit: `INSERT INTO audit_log (at, operator_id, udai_id, citizen_id, action, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
	dayList: `SELECT t.id, t.hora, t.estado, t.motivo, c.cuil, c.nombres, c.apellidos, c.nivel
		FROM turnos t JOIN citizens c ON c.id = t.citizen_id
		WHERE t.udai_id = ?1 AND t.fecha = ?2 ORDER BY t.hora, c.apellidos`,
	citizen: `SELECT c.id, c.cuil, c.dni, c.dni_tramite, c.nombres, c.apellidos, c.fecha_nacimiento, c.nivel,
		c.email, c.telefono, EXISTS (SELECT 1 FROM claves k WHERE k.citizen_id = c.id) AS tiene_clave
		FROM citizens c WHERE c.cuil = ?1`,
	grants: `SELECT g.granted_at, u.nombre AS udai, o.legajo FROM nivel_grants g
		JOIN udais u ON u.id = g.udai_id JOIN operators o ON o.citizen_id = g.operator_id
		WHERE g.citizen_id = ?1 ORDER BY g.granted_at DESC LIMIT 10`,
	liveTurnos: `SELECT id, fecha, hora FROM turnos
		WHERE citizen_id = ?1 AND estado = 'reservado' AND udai_id = ?2 ORDER BY fecha, hora`,
	turnoForValidation: `SELECT id FROM turnos WHERE id = ?1 AND citizen_id = ?2 AND udai_id = ?3 AND estado = 'reservado'`,
	raiseNivel: `UPDATE citizens SET nivel = 3 WHERE id = ?1`,
	grant: `INSERT INTO nivel_grants (citizen_id, udai_id, operator_id, turno_id, granted_at, notas)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
	/**
	 * Marks the appointment attended. If it stopped being 'reservado' since it was read (the person
	 * cancelled it a moment ago), the CASE writes a value the column's CHECK refuses, and the whole
	 * validation batch rolls back instead of granting nivel 3 against an appointment that is gone.
	 */
	attend: `UPDATE turnos SET estado = CASE WHEN estado = 'reservado' THEN 'atendido' ELSE 'no_reservado' END,
		updated_at = ?3 WHERE id = ?1 AND citizen_id = ?2`,
	countSessions: `SELECT COUNT(*) AS n FROM sessions WHERE citizen_id = ?1`,
	deleteSessions: `DELETE FROM sessions WHERE citizen_id = ?1`,
	revokeCodes: `UPDATE claves_provisorias SET revoked_at = ?2
		WHERE citizen_id = ?1 AND used_at IS NULL AND revoked_at IS NULL`,
	insertCode: `INSERT INTO claves_provisorias (citizen_id, code_hash, operator_id, udai_id, created_at, expires_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
	/** The forgotten (or stolen) clave stops working at the counter; its hash stays in the history. */
	retireClave: `INSERT INTO clave_history (citizen_id, hash, retired_at)
		SELECT citizen_id, hash, ?2 FROM claves WHERE citizen_id = ?1`,
	deleteClave: `DELETE FROM claves WHERE citizen_id = ?1`,
	liveCode: `SELECT p.id, p.citizen_id, p.code_hash FROM claves_provisorias p JOIN citizens c ON c.id = p.citizen_id
		WHERE c.cuil = ?1 AND p.used_at IS NULL AND p.revoked_at IS NULL AND p.expires_at > ?2
		ORDER BY p.created_at DESC LIMIT 1`,
	countAttempt: `UPDATE claves_provisorias SET attempts = attempts + 1 WHERE id = ?1 AND attempts < ?2`,
	startFlow: `UPDATE claves_provisorias SET flow_hash = ?2, flow_expires_at = ?3 WHERE id = ?1`,
	byFlow: `SELECT id, citizen_id FROM claves_provisorias
		WHERE flow_hash = ?1 AND flow_expires_at > ?2 AND expires_at > ?2 AND used_at IS NULL AND revoked_at IS NULL`,
	useCode: `UPDATE claves_provisorias SET used_at = ?2, flow_hash = NULL WHERE id = ?1`
} as const;

export interface OperatorRow {
	citizen_id: number;
	udai_id: number;
	legajo: string;
	nombre: string;
	direccion: string;
	localidad: string;
}

export interface DayRow {
	id: number;
	hora: string;
	estado: 'reservado' | 'cancelado' | 'atendido';
	motivo: 'validacion_identidad';
	cuil: string;
	nombres: string;
	apellidos: string;
	nivel: 2 | 3;
}

export interface CitizenRow {
	id: number;
	cuil: string;
	dni: string;
	dni_tramite: string | null;
	nombres: string;
	apellidos: string;
	fecha_nacimiento: string;
	nivel: 2 | 3;
	email: string | null;
	telefono: string | null;
	tiene_clave: number;
}
