/**
 * The signature that makes a certificate verifiable with no connection, shared by the Worker (which
 * signs) and the page (which verifies offline against the key set it keeps).
 *
 * Each certificate carries two compact JWS (RFC 7515), ES256, `kid` in the protected header, over the
 * canonical JSON (RFC 8785, `canonicalize`) of its claims:
 *
 * - `qr`: the claims a verifier needs to read the paper or the screen (type, holder, key facts, dates,
 *   code). It is what the QR code holds, so it cannot contain the hash of the PDF the QR is drawn in.
 * - `sello`: the same claims plus `h`, the SHA-256 of the PDF, and `x`, the SHA-256 of the structured
 *   data the app renders. The sello is appended to the PDF after its last byte (see `sellarPdf`), so a
 *   PDF shared on its own still proves that not one byte of it changed.
 *
 * Why ES256 and not a MAC: the verifier (a bank clerk's phone, offline) must be able to check without
 * holding anything secret. Why canonical JSON: the signature covers bytes, and two serialisations of
 * the same claims must not verify differently. Why the JWS is verified with an allow-list of one
 * algorithm: a token that names `alg: none` or HS256 must never be accepted (the classic JWT confusion).
 */
import canonicalize from 'canonicalize';
import { CompactSign, compactVerify, createLocalJWKSet, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { TIPOS_CERTIFICADO, type TipoCertificado } from './tipos';

export const SELLO_VERSION = 1;
export const ALG = 'ES256';

/** What a certificate certifies, signed. Short keys: the QR must stay small enough to scan from paper. */
export interface Claims {
	/** Format version. */
	v: typeof SELLO_VERSION;
	/** Verification code, `XXXX-XXXX-XXXX`. */
	c: string;
	/** Certificate type. */
	t: TipoCertificado;
	/** Holder's CUIL, 11 digits. */
	s: string;
	/** Holder's full name as on file. */
	n: string;
	/** Key facts of the type (see `HECHOS` in the API schema): strings and integers only. */
	d: Record<string, string | number>;
	/** Issue date, YYYY-MM-DD (Argentina). */
	i: string;
	/** Last valid day, YYYY-MM-DD (Argentina). */
	e: string;
}

/** The document seal's claims: the QR's plus the hashes of the PDF and of the structured data. */
export interface ClaimsSello extends Claims {
	/** SHA-256 of the PDF bytes before the seal, base64url. */
	h: string;
	/** SHA-256 of the canonical JSON of the structured data (`datos`), base64url. */
	x: string;
}

export type MotivoInvalido =
	'formato' | 'clave_desconocida' | 'firma' | 'pdf_modificado' | 'datos_modificados';

export type Verificacion<C extends Claims = Claims> =
	{ ok: true; claims: C; kid: string } | { ok: false; motivo: MotivoInvalido; mensaje: string };

export const MENSAJES_INVALIDO: Record<MotivoInvalido, string> = {
	formato: 'Esto no es un código de certificado de ANSES. Revisá que el QR o el texto estén completos.',
	clave_desconocida:
		'El certificado está firmado con una clave que ANSES no publicó (o que esta app todavía no conoce). No lo aceptes como válido; si tenés conexión, volvé a verificarlo.',
	firma:
		'La firma no coincide: el certificado fue modificado o no lo emitió ANSES. No lo aceptes como válido.',
	pdf_modificado:
		'El PDF fue modificado después de emitido: no coincide con la firma de ANSES. Pedí el certificado original.',
	datos_modificados: 'Los datos guardados no coinciden con la firma. Descargá el certificado de nuevo.'
};

const encoder = new TextEncoder();

/** RFC 8785 canonical JSON. */
export function canonico(value: unknown): string {
	const text = canonicalize(value);
	if (text === undefined) throw new TypeError('No se puede serializar.');
	return text;
}

export function base64url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256(bytes: Uint8Array | string): Promise<string> {
	const data = typeof bytes === 'string' ? encoder.encode(bytes) : bytes;
	return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource)));
}

/** SHA-256 of the canonical JSON of the structured data: the `x` claim. */
export function hashDatos(datos: unknown): Promise<string> {
	return sha256(canonico(datos));
}

/** Signs claims with a private EC P-256 JWK that carries its `kid`. Worker only (the key is a secret). */
export async function firmar(
	claims: Claims | ClaimsSello,
	privateJwk: JWK & { kid: string }
): Promise<string> {
	const key = await importJWK(privateJwk, ALG);
	return new CompactSign(encoder.encode(canonico(claims)))
		.setProtectedHeader({ alg: ALG, kid: privateJwk.kid })
		.sign(key);
}

function claimsValidas(value: unknown): value is Claims {
	if (typeof value !== 'object' || value === null) return false;
	const c = value as Record<string, unknown>;
	return (
		c.v === SELLO_VERSION &&
		typeof c.c === 'string' &&
		(TIPOS_CERTIFICADO as readonly unknown[]).includes(c.t) &&
		typeof c.s === 'string' &&
		/^\d{11}$/.test(c.s) &&
		typeof c.n === 'string' &&
		typeof c.d === 'object' &&
		c.d !== null &&
		typeof c.i === 'string' &&
		typeof c.e === 'string'
	);
}

/**
 * Verifies a compact JWS against a key set. Only ES256 is accepted, the key is chosen by `kid`, and the
 * payload must be exactly the canonical form of its claims: a payload re-serialised with other spacing
 * or key order is a different document and fails, so "any changed byte fails" holds for the payload too.
 */
export async function verificarJws<C extends Claims = Claims>(
	jws: string,
	jwks: JSONWebKeySet
): Promise<Verificacion<C>> {
	const invalido = (motivo: MotivoInvalido): Verificacion<C> => ({
		ok: false,
		motivo,
		mensaje: MENSAJES_INVALIDO[motivo]
	});
	if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws.trim())) return invalido('formato');
	let result;
	try {
		result = await compactVerify(jws.trim(), createLocalJWKSet(jwks), { algorithms: [ALG] });
	} catch (cause) {
		const code = (cause as { code?: string }).code;
		if (code === 'ERR_JWKS_NO_MATCHING_KEY') return invalido('clave_desconocida');
		if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return invalido('firma');
		// A header that is not JSON, a wrong alg, a kid missing: none of these was signed by ANSES.
		if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') return invalido('firma');
		return invalido('formato');
	}
	// fatal: invalid UTF-8 is not a payload we wrote. ignoreBOM: a BOM is kept in the text (so JSON.parse
	// refuses it) instead of being silently dropped: a payload with one is not the canonical form.
	const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(result.payload);
	let claims: unknown;
	try {
		claims = JSON.parse(text);
	} catch {
		return invalido('formato');
	}
	if (!claimsValidas(claims) || canonico(claims) !== text) return invalido('formato');
	return { ok: true, claims: claims as C, kid: String(result.protectedHeader.kid) };
}

/**
 * What a QR holds: `<origin>/verificar#<jws>`, so that a phone's camera app opens the Verificar screen.
 * The JWS goes in the fragment, which browsers never send to a server: scanning a certificate does not
 * leave the holder's name and CUIL in anybody's access log.
 */
export function textoQr(origin: string, jwsQr: string): string {
	return `${origin}/verificar#${jwsQr}`;
}

/** A scanned or pasted text → the JWS in it (a Verificar URL or the bare JWS), or null. */
export function jwsDeTexto(texto: string): string | null {
	const t = texto.trim();
	const hash = t.indexOf('#');
	const candidato = hash >= 0 ? t.slice(hash + 1) : t;
	return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(candidato) ? candidato : null;
}

// ---- The seal inside the PDF -------------------------------------------------------------------------

const MARCA = '%MIANSES-SELLO ';
const latin1 = (bytes: Uint8Array) => {
	let s = '';
	for (const b of bytes) s += String.fromCharCode(b);
	return s;
};

/**
 * Appends the document seal to a PDF as a trailing comment plus a repeat of its `startxref`:
 *
 *     <PDF bytes, ending in "\n">%MIANSES-SELLO <jws>\nstartxref\n<same offset>\n%%EOF\n
 *
 * PDF readers find the cross-reference table from the last `startxref`, which still points at the
 * original table (no object changed), so every reader opens the file as before; the comment is ignored.
 * `h` in the seal is the SHA-256 of the bytes before the comment, so the seal never covers itself.
 */
export function sellarPdf(pdf: Uint8Array, jwsSello: string): Uint8Array {
	const base = pdf[pdf.length - 1] === 0x0a ? pdf : concat(pdf, encoder.encode('\n'));
	const offset = ultimoStartxref(latin1(base.subarray(Math.max(0, base.length - 2048))));
	if (offset === null) throw new Error('El PDF no tiene startxref.');
	return concat(base, encoder.encode(`${MARCA}${jwsSello}\nstartxref\n${offset}\n%%EOF\n`));
}

/** The bytes `h` covers: a PDF ending in "\n", as passed to the signer. */
export function pdfParaHash(pdf: Uint8Array): Uint8Array {
	return pdf[pdf.length - 1] === 0x0a ? pdf : concat(pdf, encoder.encode('\n'));
}

function ultimoStartxref(tail: string): number | null {
	const matches = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
	return matches.length ? Number(matches[matches.length - 1][1]) : null;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/**
 * Verifies a sealed PDF on its own: the seal's signature, then that the bytes before it hash to `h`,
 * then that the bytes after it are exactly what `sellarPdf` writes (nothing smuggled after the seal).
 */
export async function verificarPdf(pdf: Uint8Array, jwks: JSONWebKeySet): Promise<Verificacion<ClaimsSello>> {
	const invalido = (motivo: MotivoInvalido): Verificacion<ClaimsSello> => ({
		ok: false,
		motivo,
		mensaje: MENSAJES_INVALIDO[motivo]
	});
	const tail = latin1(pdf.subarray(Math.max(0, pdf.length - 4096)));
	const at = tail.lastIndexOf(`\n${MARCA}`);
	if (at < 0) return invalido('formato');
	const start = pdf.length - tail.length + at + 1;
	const match = /^%MIANSES-SELLO ([A-Za-z0-9_.-]+)\nstartxref\n(\d+)\n%%EOF\n$/.exec(tail.slice(at + 1));
	if (!match) return invalido('pdf_modificado');
	const body = pdf.subarray(0, start);
	if (ultimoStartxref(latin1(body.subarray(Math.max(0, body.length - 2048)))) !== Number(match[2]))
		return invalido('pdf_modificado');
	const sello = await verificarJws<ClaimsSello>(match[1], jwks);
	if (!sello.ok) return sello;
	if (typeof sello.claims.h !== 'string' || (await sha256(body)) !== sello.claims.h)
		return invalido('pdf_modificado');
	return sello;
}

/** The JWS sealed into a PDF, without verifying it (to show which certificate a broken file claims to be). */
export function selloDePdf(pdf: Uint8Array): string | null {
	const tail = latin1(pdf.subarray(Math.max(0, pdf.length - 4096)));
	const match = /\n%MIANSES-SELLO ([A-Za-z0-9_.-]+)\n/.exec(tail);
	return match ? match[1] : null;
}

/**
 * Everything the app keeps for one certificate, checked together: the seal's signature, the stored PDF
 * against `h`, the stored data against `x`, and that the QR's claims are the seal's without the hashes.
 */
export async function verificarGuardado(
	guardado: { qr: string; sello: string; datos: unknown; pdf: Uint8Array },
	jwks: JSONWebKeySet
): Promise<Verificacion<ClaimsSello>> {
	const pdf = await verificarPdf(guardado.pdf, jwks);
	if (!pdf.ok) return pdf;
	const sello = await verificarJws<ClaimsSello>(guardado.sello, jwks);
	if (!sello.ok) return sello;
	if (sello.claims.h !== pdf.claims.h)
		return { ok: false, motivo: 'pdf_modificado', mensaje: MENSAJES_INVALIDO.pdf_modificado };
	if ((await hashDatos(guardado.datos)) !== sello.claims.x)
		return { ok: false, motivo: 'datos_modificados', mensaje: MENSAJES_INVALIDO.datos_modificados };
	const qr = await verificarJws(guardado.qr, jwks);
	if (!qr.ok) return qr;
	const { h: _h, x: _x, ...sinHashes } = sello.claims;
	if (canonico(sinHashes) !== canonico(qr.claims))
		return { ok: false, motivo: 'datos_modificados', mensaje: MENSAJES_INVALIDO.datos_modificados };
	return sello;
}

export type { JSONWebKeySet, JWK };
