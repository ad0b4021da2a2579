import type { MiddlewareHandler } from 'hono';
import type { AppEnv, OperatorContext } from '../env';
import { ApiError } from '../http/errors';
import { SQL, type OperatorRow } from './queries';

/**
 * The office console is open only to an active operator (a row in `operators`, which no API writes:
 * ANSES gives the role) whose account is nivel 3 and whose current session signed in with a passkey.
 * Every fact comes from the server: the session row joined to `citizens` (`loadSession`) and the
 * `operators` table; nothing in the request body or headers can claim a role or a level
 * (ASVS 5.0 8.2.1, 8.3.1: access checks on the server, for every request). A passkey, not a clave,
 * because an operator's account can raise other people's level and reset their claves: it needs a
 * phishing-resistant authenticator (ASVS 5.0 6.3.3 / NIST 800-63B AAL2 phishing resistance). A clave
 * re-typed later (`/auth/reauth`) turns the session's method back to `clave`, and the console closes.
 *
 * Three distinct codes, so the screen can say what is missing. Runs after requireSession and before
 * any validation, so a refused caller learns nothing about the shape of the requests.
 */
export const NOT_OPERATOR = 'oficina_no_es_operador';
export const NEEDS_NIVEL_3 = 'oficina_nivel_3_requerido';
export const NEEDS_PASSKEY = 'oficina_llave_requerida';

export const requireOperator: MiddlewareHandler<AppEnv> = async (c, next) => {
	const s = c.var.session;
	const row = await c.env.DB.prepare(SQL.operator).bind(s.citizenId).first<OperatorRow>();
	if (!row)
		throw new ApiError(
			403,
			NOT_OPERATOR,
			'Esta sección es solo para el personal de las oficinas de ANSES (UDAI). Tu cuenta no tiene ese permiso.'
		);
	if (s.nivel !== 3)
		throw new ApiError(
			403,
			NEEDS_NIVEL_3,
			'Para usar la consola de la oficina tu cuenta tiene que tener la Clave de Seguridad Social nivel 3.'
		);
	if (s.method !== 'passkey')
		throw new ApiError(
			403,
			NEEDS_PASSKEY,
			'Para usar la consola de la oficina tenés que ingresar con tu llave de acceso (passkey), no con la clave. Salí e ingresá de nuevo con tu llave.'
		);
	const operator: OperatorContext = {
		citizenId: row.citizen_id,
		udaiId: row.udai_id,
		legajo: row.legajo,
		udai: { id: row.udai_id, nombre: row.nombre, direccion: row.direccion, localidad: row.localidad }
	};
	c.set('operator', operator);
	await next();
};

export type AuditAction =
	| 'turnos_del_dia'
	| 'busqueda_ciudadano'
	| 'validacion_identidad'
	| 'validacion_rechazada'
	| 'clave_provisoria'
	| 'clave_provisoria_rechazada';

/**
 * One row of the append-only trail (migration 0007's triggers refuse UPDATE and DELETE): who, on whom,
 * when, where and what (ASVS 5.0 16.2.1, 16.3.2). `detail` holds facts, never a code or a clave.
 */
export function audit(
	db: D1Database,
	op: OperatorContext,
	citizenId: number | null,
	action: AuditAction,
	now: number,
	detail?: Record<string, unknown>
) {
	return db
		.prepare(SQL.audit)
		.bind(now, op.citizenId, op.udaiId, citizenId, action, detail ? JSON.stringify(detail) : null);
}
