/**
 * Demo data of the corporate applications: who represents which employer (a table no API writes; in
 * the real system ANSES records it after checking the company's papers) and the employers' addresses
 * printed on a Certificación de Servicios y Remuneraciones.
 */
import { cuilForDni } from '../../src/lib/domain/cuil';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { DEMO_EMPLOYERS } from './servicios';
import { text } from './servicios-sql';

/** Every seeded row carries this instant (2026-01-01T00:00:00Z), as in cli.ts. */
const GRANTED_AT = Date.UTC(2026, 0, 1);

export const DEMO_EMPLOYER_ADDRESSES: Record<string, string> = {
	[DEMO_EMPLOYERS[5].cuit]: 'Av. Almirante Brown 1550, Paraná, Entre Ríos',
	[DEMO_EMPLOYERS[4].cuit]: 'Urquiza 920, Paraná, Entre Ríos'
};

/** Graciela Paredes (README) represents Supermercados del Litoral, where Sofía worked until March 2026. */
export const DEMO_REPRESENTANTES: { dni: number; cuit: string; cargo: string }[] = [
	{ dni: 94_512_307, cuit: DEMO_EMPLOYERS[5].cuit, cargo: 'Responsable de Recursos Humanos' }
];

/** Idempotent: running it on a seeded database changes nothing. */
export function corporativasSql(): string {
	const lines = Object.entries(DEMO_EMPLOYER_ADDRESSES).map(
		([cuit, domicilio]) =>
			`UPDATE empleadores SET domicilio = ${text(domicilio)} WHERE cuit = ${text(cuit)} AND domicilio IS NULL;`
	);
	for (const r of DEMO_REPRESENTANTES) {
		const account = DEMO_ACCOUNTS.find((a) => a.dni === r.dni);
		if (!account) throw new Error(`No demo account with DNI ${r.dni}`);
		lines.push(
			`INSERT OR IGNORE INTO representantes (citizen_id, cuit, cargo, otorgado_at) ` +
				`SELECT id, ${text(r.cuit)}, ${text(r.cargo)}, ${GRANTED_AT} FROM citizens ` +
				`WHERE cuil = ${text(cuilForDni(account.dni, account.sexo))};`
		);
	}
	return lines.join('\n');
}
