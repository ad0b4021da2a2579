/**
 * Notifications through a transactional outbox: the message row is written in the same D1 batch as the
 * change it reports, so a clave change never happens without its notice, and no notice goes out for a
 * change that rolled back. A sender (`deliverPending`) hands rows to a `Mailer`; locally nothing is
 * sent and the dev mailbox reads the table.
 */
import { newToken, tokenHash } from '../auth/tokens';

export type MessageKind =
	| 'clave_creada'
	| 'clave_cambiada'
	| 'clave_recuperada'
	| 'passkey_agregada'
	| 'ingreso_nuevo_dispositivo'
	| 'contacto_cambiado'
	| 'nivel_3_otorgado'
	| 'clave_provisoria'
	| 'codigo_recuperacion'
	| 'codigo_alta'
	| 'codigo_contacto';

export interface Recipient {
	id: number;
	nombres: string;
	email: string | null;
	telefono: string | null;
}

export interface OutgoingMessage {
	id: number;
	citizenId: number | null;
	kind: MessageKind;
	channel: 'email' | 'sms';
	recipient: string;
	subject: string;
	body: string;
}

/** Production delivery sits behind this one interface (an email API, an SMS gateway). */
export interface Mailer {
	send(message: OutgoingMessage): Promise<void>;
}

/** "No fui yo" links stay valid for a week: long enough to read the mail, short enough to expire. */
const NO_FUI_YO_TTL_MS = 7 * 24 * 3600_000;

export function contactOf(r: Recipient): { channel: 'email' | 'sms'; address: string } | null {
	if (r.email) return { channel: 'email', address: r.email };
	if (r.telefono) return { channel: 'sms', address: r.telefono };
	return null;
}

/** What the page may show of the contact a code went to, never the whole address. */
export function maskContact(contact: { channel: 'email' | 'sms'; address: string }): string {
	if (contact.channel === 'email') {
		const [local, domain] = contact.address.split('@');
		return `${local.slice(0, 2)}•••@${domain}`;
	}
	const digits = contact.address.replace(/\D/g, '');
	return `•••• ${digits.slice(-4)}`;
}

const when = (now: number) =>
	new Intl.DateTimeFormat('es-AR', {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: 'America/Argentina/Buenos_Aires'
	}).format(now);

const NOTICES: Record<
	Exclude<MessageKind, 'codigo_recuperacion' | 'codigo_alta' | 'codigo_contacto'>,
	[string, string]
> = {
	clave_creada: [
		'Creaste tu Clave de Seguridad Social',
		'se creó la Clave de Seguridad Social de tu cuenta de mi ANSES'
	],
	clave_cambiada: [
		'Cambiaste tu Clave de Seguridad Social',
		'se cambió la Clave de Seguridad Social de tu cuenta de mi ANSES'
	],
	clave_recuperada: [
		'Recuperaste tu Clave de Seguridad Social',
		'se recuperó la Clave de Seguridad Social de tu cuenta de mi ANSES con “Olvidé mi clave”'
	],
	passkey_agregada: [
		'Agregaste una llave de acceso',
		'se agregó una llave de acceso (passkey) a tu cuenta de mi ANSES'
	],
	ingreso_nuevo_dispositivo: [
		'Ingresaste desde un dispositivo nuevo',
		'alguien ingresó a tu cuenta de mi ANSES desde un teléfono o computadora que no habías usado antes'
	],
	contacto_cambiado: [
		'Cambiaste tu correo o tu celular',
		'se cambió el correo electrónico o el celular de tu cuenta de mi ANSES'
	],
	nivel_3_otorgado: [
		'Tu Clave de Seguridad Social es nivel 3',
		'en una oficina de ANSES validaron tu identidad en persona y tu Clave de Seguridad Social pasó a nivel 3. Ingresá de nuevo para usarla'
	],
	clave_provisoria: [
		'Te dieron un código provisorio en una oficina de ANSES',
		'en una oficina de ANSES reiniciaron tu Clave de Seguridad Social y te entregaron un código provisorio para elegir una clave nueva; se cerraron todas tus sesiones y tu clave anterior dejó de funcionar'
	]
};

/**
 * A notice about something that happened to the account, with a "No fui yo" link. Returns the
 * statements to add to the caller's batch (token and message), or none when there is no contact.
 */
export async function notice(
	db: D1Database,
	r: Recipient,
	kind: keyof typeof NOTICES,
	origin: string,
	now: number
): Promise<D1PreparedStatement[]> {
	const contact = contactOf(r);
	if (!contact) return [];
	const token = newToken();
	const [subject, what] = NOTICES[kind];
	// The token travels in the fragment (#), which browsers never send to servers or in Referer headers.
	const link = `${origin}/clave/no-fui-yo#${token}`;
	const body = [
		`Hola, ${r.nombres}:`,
		`El ${when(now)} ${what}.`,
		'Si fuiste vos, no tenés que hacer nada.',
		`Si no fuiste vos, entrá ya a ${link} para cerrar todas las sesiones y bloquear tu cuenta; después vas a poder recuperar tu clave.`,
		'ANSES nunca te va a pedir tu clave ni códigos por teléfono, correo o redes sociales.'
	].join('\n\n');
	return [
		db
			.prepare(
				'INSERT INTO no_fui_yo_tokens (token_hash, citizen_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
			)
			.bind(await tokenHash(token), r.id, now, now + NO_FUI_YO_TTL_MS),
		queue(
			db,
			{ citizenId: r.id, kind, channel: contact.channel, recipient: contact.address, subject, body },
			now
		)
	];
}

/** A one-time code for recovery or alta. */
export function codeMessage(
	db: D1Database,
	r: Recipient,
	kind: 'codigo_recuperacion' | 'codigo_alta',
	code: string,
	now: number
): D1PreparedStatement | null {
	const contact = contactOf(r);
	if (!contact) return null;
	const purpose =
		kind === 'codigo_alta' ? 'crear tu Clave de Seguridad Social' : 'recuperar tu Clave de Seguridad Social';
	const body = [
		`Hola, ${r.nombres}:`,
		`Tu código para ${purpose} en mi ANSES es ${code}. Vence en 10 minutos.`,
		'Si no lo pediste, ignorá este mensaje. No se lo des a nadie: ANSES nunca te lo va a pedir.'
	].join('\n\n');
	return queue(
		db,
		{
			citizenId: r.id,
			kind,
			channel: contact.channel,
			recipient: contact.address,
			subject: `Tu código de mi ANSES: ${code}`,
			body
		},
		now
	);
}

/**
 * The code that confirms a new email or phone, sent to that NEW address: entering it proves the person
 * reads it. The old address gets a `contacto_cambiado` notice once the change is made.
 */
export function contactCodeMessage(
	db: D1Database,
	r: Pick<Recipient, 'id' | 'nombres'>,
	to: { channel: 'email' | 'sms'; address: string },
	code: string,
	now: number
): D1PreparedStatement {
	const what = to.channel === 'email' ? 'confirmar este correo' : 'confirmar este celular';
	const body = [
		`Hola, ${r.nombres}:`,
		`Tu código para ${what} en mi ANSES es ${code}. Vence en 10 minutos.`,
		'Si no lo pediste, ignorá este mensaje. No se lo des a nadie: ANSES nunca te lo va a pedir.'
	].join('\n\n');
	return queue(
		db,
		{
			citizenId: r.id,
			kind: 'codigo_contacto',
			channel: to.channel,
			recipient: to.address,
			subject: `Tu código de mi ANSES: ${code}`,
			body
		},
		now
	);
}

function queue(db: D1Database, m: Omit<OutgoingMessage, 'id'>, now: number): D1PreparedStatement {
	return db
		.prepare(
			'INSERT INTO outbox (citizen_id, kind, channel, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
		)
		.bind(m.citizenId, m.kind, m.channel, m.recipient, m.subject, m.body, now);
}

/**
 * Hands unsent messages to the mailer and marks them sent. Bodies of sent code messages are blanked:
 * a code has no business staying in the database once it left.
 */
export async function deliverPending(db: D1Database, mailer: Mailer, limit = 50): Promise<number> {
	const { results } = await db
		.prepare(
			`SELECT id, citizen_id AS citizenId, kind, channel, recipient, subject, body FROM outbox
			WHERE sent_at IS NULL ORDER BY created_at LIMIT ?`
		)
		.bind(limit)
		.all<OutgoingMessage>();
	for (const m of results) {
		await mailer.send(m);
		await db
			.prepare(
				`UPDATE outbox SET sent_at = ?, body = CASE WHEN kind LIKE 'codigo_%' THEN '' ELSE body END,
				subject = CASE WHEN kind LIKE 'codigo_%' THEN 'Tu código de mi ANSES' ELSE subject END WHERE id = ?`
			)
			.bind(Date.now(), m.id)
			.run();
	}
	return results.length;
}
