/**
 * The named demo accounts listed in the README. Their claves are public on purpose (demo data only);
 * each meets the clave policy citizens know (letters, numbers and symbols, 8+ characters, no personal
 * data) so that they keep working when the full policy lands.
 */
export interface DemoAccount {
	role: string;
	nombres: string;
	apellidos: string;
	sexo: 'F' | 'M';
	dni: number;
	fechaNacimiento: string;
	email: string;
	telefono: string;
	clave: string;
	nivel: 2 | 3;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{
		role: 'Jubilada',
		nombres: 'Rosa Beatriz',
		apellidos: 'Fernández',
		sexo: 'F',
		dni: 5_123_456,
		fechaNacimiento: '1950-04-12',
		email: 'rosa.fernandez@example.com',
		telefono: '+54 9 11 4567-1234',
		clave: 'Mate-Lluvia-73!',
		nivel: 2
	},
	{
		role: 'Trabajador con aportes',
		nombres: 'Martín Ezequiel',
		apellidos: 'Sosa',
		sexo: 'M',
		dni: 30_456_789,
		fechaNacimiento: '1983-09-21',
		email: 'martin.sosa@example.com',
		telefono: '+54 9 351 555-0192',
		clave: 'Tornillo.Azul-58',
		nivel: 2
	},
	{
		role: 'Madre que cobra AUH',
		nombres: 'Daiana Soledad',
		apellidos: 'Acosta',
		sexo: 'F',
		dni: 38_765_432,
		fechaNacimiento: '1995-01-30',
		email: 'daiana.acosta@example.com',
		telefono: '+54 9 381 444-7788',
		clave: 'Girasol-Rio-91!',
		nivel: 2
	}
];
