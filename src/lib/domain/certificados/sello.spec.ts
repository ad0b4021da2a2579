import { CompactSign, exportJWK, generateKeyPair, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	base64url,
	canonico,
	firmar,
	hashDatos,
	jwsDeTexto,
	pdfParaHash,
	selloDePdf,
	sellarPdf,
	sha256,
	textoQr,
	verificarGuardado,
	verificarJws,
	verificarPdf,
	type Claims,
	type JSONWebKeySet,
	type JWK
} from './sello';

const claims: Claims = {
	v: 1,
	c: 'K7M3-Q9XD-2F4H',
	t: 'negativa',
	s: '27301112224',
	n: 'María José Muñoz Núñez',
	d: { desde: '2026-05', hasta: '2026-11' },
	i: '2026-11-25',
	e: '2026-12-24'
};

let privada: JWK & { kid: string };
let jwks: JSONWebKeySet;
let otra: JWK & { kid: string };

const encoder = new TextEncoder();
const b64 = (s: string) => base64url(encoder.encode(s));

/** A tiny PDF written by hand: header, one object, xref, trailer, startxref. */
function pdfMinimo(): Uint8Array {
	const head = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
	const xref = head.length;
	return encoder.encode(
		`${head}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF`
	);
}

beforeAll(async () => {
	const par = await generateKeyPair('ES256', { extractable: true });
	privada = { ...(await exportJWK(par.privateKey)), kid: 'k1' };
	const { d: _d, ...publica } = privada;
	jwks = { keys: [{ ...publica, alg: 'ES256', use: 'sig' }] };
	const par2 = await generateKeyPair('ES256', { extractable: true });
	otra = { ...(await exportJWK(par2.privateKey)), kid: 'k1' };
});

describe('verificarJws', () => {
	it('round-trips the claims and names the key', async () => {
		const jws = await firmar(claims, privada);
		const r = await verificarJws(jws, jwks);
		expect(r).toEqual({ ok: true, claims, kid: 'k1' });
		// The payload is exactly the canonical JSON of the claims.
		expect(jws.split('.')[1]).toBe(b64(canonico(claims)));
	});

	it('fails when any byte of the payload changes', async () => {
		const jws = await firmar(claims, privada);
		const [h, , s] = jws.split('.');
		const bytes = encoder.encode(canonico(claims));
		for (let i = 0; i < bytes.length; i++) {
			const copia = bytes.slice();
			copia[i] ^= 0x01;
			const r = await verificarJws(`${h}.${base64url(copia)}.${s}`, jwks);
			expect(r.ok, `byte ${i}`).toBe(false);
		}
	});

	it('fails when the signature or the header changes', async () => {
		const jws = await firmar(claims, privada);
		const [h, p, s] = jws.split('.');
		const sig = s[0] === 'A' ? `B${s.slice(1)}` : `A${s.slice(1)}`;
		expect(await verificarJws(`${h}.${p}.${sig}`, jwks)).toMatchObject({ ok: false, motivo: 'firma' });
		const otroHeader = b64(JSON.stringify({ alg: 'ES256', kid: 'k1', x: 1 }));
		expect((await verificarJws(`${otroHeader}.${p}.${s}`, jwks)).ok).toBe(false);
	});

	it('rejects alg none and HS256, whatever the payload says', async () => {
		const p = b64(canonico(claims));
		const none = `${b64(JSON.stringify({ alg: 'none', kid: 'k1' }))}.${p}.${b64('x')}`;
		expect((await verificarJws(none, jwks)).ok).toBe(false);
		// HS256 "signed" with the public key as the secret: the classic confusion attack.
		const secreto = encoder.encode(JSON.stringify(jwks.keys[0]));
		const hs = await new CompactSign(encoder.encode(canonico(claims)))
			.setProtectedHeader({ alg: 'HS256', kid: 'k1' })
			.sign(secreto);
		expect((await verificarJws(hs, jwks)).ok).toBe(false);
	});

	it('rejects a payload re-serialised in another form, even when properly signed', async () => {
		const feo = JSON.stringify(claims, null, 1);
		const key = await importJWK(privada, 'ES256');
		const jws = await new CompactSign(encoder.encode(feo))
			.setProtectedHeader({ alg: 'ES256', kid: 'k1' })
			.sign(key);
		expect(await verificarJws(jws, jwks)).toMatchObject({ ok: false, motivo: 'formato' });
		const conBom = await new CompactSign(encoder.encode(`\uFEFF${canonico(claims)}`))
			.setProtectedHeader({ alg: 'ES256', kid: 'k1' })
			.sign(key);
		expect((await verificarJws(conBom, jwks)).ok).toBe(false);
		// Claims that are not a certificate's (missing fields, wrong CUIL) are refused too.
		const raro = await firmar({ ...claims, s: '123' }, privada);
		expect(await verificarJws(raro, jwks)).toMatchObject({ ok: false, motivo: 'formato' });
	});

	it('says the key is unknown for a kid the set does not have, and a same-kid impostor fails', async () => {
		const jws = await firmar(claims, { ...privada, kid: 'k2' });
		expect(await verificarJws(jws, jwks)).toMatchObject({ ok: false, motivo: 'clave_desconocida' });
		const impostor = await firmar(claims, otra);
		expect(await verificarJws(impostor, jwks)).toMatchObject({ ok: false, motivo: 'firma' });
	});

	it('answers formato for text that is not a JWS', async () => {
		for (const t of ['', 'hola', 'a.b', 'a.b.c.d', 'http://x/verificar#'])
			expect(await verificarJws(t, jwks)).toMatchObject({ ok: false, motivo: 'formato' });
	});
});

describe('the QR text', () => {
	it('puts the JWS in the fragment of a Verificar URL, and reads it back', async () => {
		const jws = await firmar(claims, privada);
		const url = textoQr('https://mi.anses.gob.ar', jws);
		expect(url).toBe(`https://mi.anses.gob.ar/verificar#${jws}`);
		expect(jwsDeTexto(url)).toBe(jws);
		expect(jwsDeTexto(` ${jws} `)).toBe(jws);
		expect(jwsDeTexto('https://mi.anses.gob.ar/verificar')).toBeNull();
	});
});

describe('the PDF seal', () => {
	async function sellado() {
		const pdf = pdfMinimo();
		const datos = { titulo: 'Certificación Negativa', texto: 'ANSES certifica…' };
		const h = await sha256(pdfParaHash(pdf));
		const x = await hashDatos(datos);
		const qr = await firmar(claims, privada);
		const sello = await firmar({ ...claims, h, x }, privada);
		return { pdf: sellarPdf(pdf, sello), qr, sello, datos };
	}

	it('verifies a hand-made PDF after sealing, and the seal repeats startxref', async () => {
		const { pdf, qr, sello, datos } = await sellado();
		const text = new TextDecoder('latin1').decode(pdf);
		expect(text).toMatch(/%%EOF\n%MIANSES-SELLO [\w.-]+\nstartxref\n\d+\n%%EOF\n$/);
		expect(selloDePdf(pdf)).toBe(sello);
		const r = await verificarPdf(pdf, jwks);
		expect(r.ok).toBe(true);
		expect(await verificarGuardado({ qr, sello, datos, pdf }, jwks)).toMatchObject({ ok: true });
	});

	it('fails for any changed byte of the PDF', async () => {
		const { pdf } = await sellado();
		for (let i = 0; i < pdf.length; i++) {
			const copia = pdf.slice();
			copia[i] ^= 0x20;
			expect((await verificarPdf(copia, jwks)).ok, `byte ${i}`).toBe(false);
		}
	});

	it('rejects bytes after the seal, and a PDF without one', async () => {
		const { pdf } = await sellado();
		for (const extra of ['%', '\n', '1 0 obj\n<<>>\nendobj\n%%EOF\n']) {
			const mas = new Uint8Array(pdf.length + extra.length);
			mas.set(pdf);
			mas.set(encoder.encode(extra), pdf.length);
			expect((await verificarPdf(mas, jwks)).ok, JSON.stringify(extra)).toBe(false);
		}
		expect(await verificarPdf(pdfMinimo(), jwks)).toMatchObject({ ok: false, motivo: 'formato' });
	});

	it('catches stored data, QR or seal that do not belong together', async () => {
		const a = await sellado();
		expect(await verificarGuardado({ ...a, datos: { ...a.datos, texto: 'otro' } }, jwks)).toMatchObject({
			ok: false,
			motivo: 'datos_modificados'
		});
		const otroQr = await firmar({ ...claims, c: 'AAAA-BBBB-CCCC' }, privada);
		expect(await verificarGuardado({ ...a, qr: otroQr }, jwks)).toMatchObject({
			ok: false,
			motivo: 'datos_modificados'
		});
		const otroSello = await firmar({ ...claims, h: 'x', x: 'y' } as never, privada);
		expect(await verificarGuardado({ ...a, sello: otroSello }, jwks)).toMatchObject({
			ok: false,
			motivo: 'pdf_modificado'
		});
	});
});
