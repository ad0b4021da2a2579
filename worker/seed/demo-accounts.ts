/**
 * The named demo accounts listed in the README. Their claves are public on purpose (demo data only);
 * each meets the clave policy citizens know (letters, numbers and symbols, 8+ characters, no personal
 * data) so that they keep working when the full policy lands.
 */
import type { SecurityQuestionId } from '../../src/lib/domain/security-questions';

export interface DemoAccount {
	role: string;
	nombres: string;
	apellidos: string;
	sexo: 'F' | 'M';
	dni: number;
	fechaNacimiento: string;
	email: string;
	telefono: string;
	/** The número de trámite printed on the DNI card (11 digits), asked when creating the clave. */
	dniTramite: string;
	/** null: this person has not created a clave yet (the alta demo). */
	clave: string | null;
	/** Answers to three security questions, for the "Olvidé mi clave" demo. */
	respuestas: Partial<Record<SecurityQuestionId, string>>;
	nivel: 2 | 3;
	/** Office staff: the `operators` row (the role ANSES gives; no API writes it). */
	operador?: DemoOperator;
}

export interface DemoOperator {
	udaiId: number;
	legajo: string;
	/**
	 * A passkey known in advance, so the Playwright journeys can sign the operator in with Chromium's
	 * virtual authenticator (its private key is in tests/e2e/operator-passkey.ts, public on purpose: demo
	 * data only, like the claves here). A person trying the demo creates their own passkey instead.
	 */
	passkey: { credentialId: string; userHandle: string; coseKeyHex: string };
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
		dniTramite: '00412345678',
		clave: 'Mate-Lluvia-73!',
		respuestas: {
			escuela_primaria: 'Escuela 12 Sarmiento',
			primera_mascota: 'Pirata',
			ciudad_padres: 'Rosario'
		},
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
		dniTramite: '00534567812',
		clave: 'Tornillo.Azul-58',
		respuestas: {
			primera_mascota: 'Toby',
			calle_infancia: 'Avenida Colón',
			primer_trabajo: 'Ferretería El Tornillo'
		},
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
		dniTramite: '00645678123',
		clave: 'Girasol-Rio-91!',
		respuestas: { apodo_infancia: 'Dai', escuela_primaria: 'Escuela 345 Belgrano', ciudad_padres: 'Tucumán' },
		nivel: 2
	},
	{
		role: 'Joven que todavía no creó su clave (alta)',
		nombres: 'Lucas Gabriel',
		apellidos: 'Romero',
		sexo: 'M',
		dni: 44_123_456,
		fechaNacimiento: '2003-06-18',
		email: 'lucas.romero@example.com',
		telefono: '+54 9 223 555-0147',
		dniTramite: '00712345689',
		clave: null,
		respuestas: {},
		nivel: 2
	},
	{
		// Can get a Certificación Negativa: her last job ended in March 2026, she has no benefit and no
		// other record since. Her DNI is just past the generator's last birth-year band (2007 starts at
		// 48,000,000, 2008 at 49,000,000), so adding her changed no generated citizen's DNI.
		role: 'Estudiante que dejó de trabajar (puede pedir la Certificación Negativa)',
		nombres: 'Sofía Abril',
		apellidos: 'Benítez',
		sexo: 'F',
		dni: 49_012_345,
		fechaNacimiento: '2007-11-03',
		email: 'sofia.benitez@example.com',
		telefono: '+54 9 343 555-0163',
		dniTramite: '00823456791',
		clave: 'Lapacho-Verde-24!',
		respuestas: {
			primera_mascota: 'Canela',
			escuela_primaria: 'Escuela 7 Mariano Moreno',
			ciudad_padres: 'Paraná'
		},
		nivel: 2
	},
	// The office (oficina) demo: an operator and two people who come to her counter. Their DNIs are past
	// the generator's last birth-year band, like Sofía's, so adding them changed no generated citizen.
	{
		role: 'Operadora de la UDAI Once (consola de la oficina, nivel 3)',
		nombres: 'Carolina Inés',
		apellidos: 'Medina',
		sexo: 'F',
		dni: 49_100_001,
		fechaNacimiento: '1986-08-09',
		email: 'carolina.medina@example.com',
		telefono: '+54 9 11 5555-0101',
		dniTramite: '00956789013',
		clave: 'Ceibo-Farol-62!',
		respuestas: {
			primera_mascota: 'Lola',
			escuela_primaria: 'Escuela 23 Juana Manso',
			ciudad_padres: 'Mar del Plata'
		},
		nivel: 3,
		operador: {
			udaiId: 1,
			legajo: '104417',
			passkey: {
				credentialId: '0fThd1Tw5PaJ8luKgUsPrA',
				userHandle: 'xA_nLotwcGf-O5faQVFbqw19rn4o3tdKk9wdGR9C9Js',
				coseKeyHex:
					'a5010203262001215820681f465e54096c99eae18bede0c97632db92d46720b8c4b0e41ab2722b98b40c225820690bf19d66a84dd34d9f9d2b37f8887ef4b5727205878c6445edc1d41f81d89a'
			}
		}
	},
	{
		role: 'Vecino que valida su identidad en la oficina (pasa a nivel 3)',
		nombres: 'Jorge Omar',
		apellidos: 'Pereyra',
		sexo: 'M',
		dni: 49_100_002,
		fechaNacimiento: '1972-02-14',
		email: 'jorge.pereyra@example.com',
		telefono: '+54 9 11 5555-0102',
		dniTramite: '00967890124',
		clave: 'Quebracho-Sol-35!',
		respuestas: {
			primera_mascota: 'Negro',
			calle_infancia: 'Pasaje Los Aromos',
			primer_trabajo: 'Panadería La Espiga'
		},
		nivel: 2
	},
	{
		role: 'Vecina que olvidó su clave (reinicio en la oficina)',
		nombres: 'Nélida Susana',
		apellidos: 'Gauna',
		sexo: 'F',
		dni: 49_100_003,
		fechaNacimiento: '1958-11-27',
		email: 'nelida.gauna@example.com',
		telefono: '+54 9 11 5555-0103',
		dniTramite: '00978901235',
		clave: 'Totora-Luna-88!',
		respuestas: {
			escuela_primaria: 'Escuela 5 Rosario Vera Peñaloza',
			primera_mascota: 'Michi',
			ciudad_padres: 'Corrientes'
		},
		nivel: 2
	},
	{
		// Nivel 3 (validated at an office) and representative of Supermercados del Litoral S.A.
		// (worker/seed/corporativas.ts): certifies services and pay in Aplicaciones corporativas. Born in
		// Asunción, she holds a DNI for foreign residents (92,000,000 and up), outside every band of the
		// generator, so adding her changed no generated citizen's DNI.
		role: 'Representante de un empleador, nivel 3 (Aplicaciones corporativas)',
		nombres: 'Graciela Beatriz',
		apellidos: 'Paredes',
		sexo: 'F',
		dni: 94_512_307,
		fechaNacimiento: '1984-08-09',
		email: 'graciela.paredes@example.com',
		telefono: '+54 9 343 555-0128',
		dniTramite: '00934567802',
		clave: 'Balanza-Norte-62!',
		respuestas: {
			primera_mascota: 'Yaguá',
			escuela_primaria: 'Escuela Básica 1015 República Argentina',
			ciudad_padres: 'Asunción'
		},
		nivel: 3
	}
];
