/** SQL of the appointments area, named so tests/worker/query-plans.test.ts can check every plan. */
export const SQL = {
	udais: `SELECT id, nombre, direccion, localidad, provincia, abre, cierra, turno_minutos, capacidad
		FROM udais ORDER BY provincia, nombre`,
	udai: `SELECT id, nombre, direccion, localidad, provincia, abre, cierra, turno_minutos, capacidad
		FROM udais WHERE id = ?1`,
	taken: `SELECT hora, COUNT(*) AS n FROM turnos
		WHERE udai_id = ?1 AND fecha = ?2 AND estado = 'reservado' GROUP BY hora`,
	/**
	 * The booking itself: the capacity check and the insert are one statement, so SQLite (one writer)
	 * decides it atomically. Two people taking the last seat at once cannot both pass a count read
	 * earlier; the second INSERT selects no row and changes nothing (tested with parallel requests).
	 */
	book: `INSERT INTO turnos (citizen_id, udai_id, motivo, fecha, hora, estado, created_at, updated_at)
		SELECT ?1, u.id, ?3, ?4, ?5, 'reservado', ?6, ?6 FROM udais u
		WHERE u.id = ?2 AND (
			SELECT COUNT(*) FROM turnos t
			WHERE t.udai_id = ?2 AND t.fecha = ?4 AND t.hora = ?5 AND t.estado = 'reservado'
		) < u.capacidad`,
	mine: `SELECT t.id, t.motivo, t.fecha, t.hora, t.estado, u.id AS udai_id, u.nombre, u.direccion, u.localidad, u.provincia
		FROM turnos t JOIN udais u ON u.id = t.udai_id
		WHERE t.citizen_id = ?1 ORDER BY t.fecha DESC, t.hora DESC LIMIT 20`,
	one: `SELECT t.id, t.motivo, t.fecha, t.hora, t.estado, u.id AS udai_id, u.nombre, u.direccion, u.localidad, u.provincia
		FROM turnos t JOIN udais u ON u.id = t.udai_id WHERE t.id = ?1 AND t.citizen_id = ?2`,
	cancel: `UPDATE turnos SET estado = 'cancelado', updated_at = ?3
		WHERE id = ?1 AND citizen_id = ?2 AND estado = 'reservado'`
} as const;

export interface UdaiRow {
	id: number;
	nombre: string;
	direccion: string;
	localidad: string;
	provincia: string;
	abre: number;
	cierra: number;
	turno_minutos: number;
	capacidad: number;
}

export interface TurnoRow {
	id: number;
	motivo: 'validacion_identidad';
	fecha: string;
	hora: string;
	estado: 'reservado' | 'cancelado' | 'atendido';
	udai_id: number;
	nombre: string;
	direccion: string;
	localidad: string;
	provincia: string;
}
