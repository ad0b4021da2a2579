// Makes sure the local `.dev.vars` holds a CLAVE_PEPPER and a CERT_SIGNING_KEY, so that `wrangler dev`
// and the seed hash claves with the same key and certificates are signed. Each checkout gets its own
// random values; they are never committed (see .gitignore) and never printed, because a pepper or a
// signing key that leaks in a terminal log stops protecting anything.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../../.dev.vars', import.meta.url));

const pepper = () => randomBytes(32).toString('base64url');

/**
 * A private EC P-256 JWK for ES256 certificates, with a key id that says where and when it was made
 * (`local-20261125-3fa2`), so a certificate signed on one machine is told apart from another's.
 */
function signingKey() {
	const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const jwk = privateKey.export({ format: 'jwk' });
	const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
	return JSON.stringify({ ...jwk, kid: `local-${day}-${randomBytes(2).toString('hex')}` });
}

const VALUES = { CLAVE_PEPPER: pepper, CERT_SIGNING_KEY: signingKey };

let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
const added = [];
for (const [key, make] of Object.entries(VALUES)) {
	// An existing value is kept even if empty or odd: replacing the pepper would orphan every hash made
	// with it, and replacing the key would make every certificate issued so far unverifiable.
	if (new RegExp(`^\\s*(export\\s+)?${key}\\s*=`, 'm').test(text)) continue;
	const separator = text === '' || text.endsWith('\n') ? '' : '\n';
	// JSON goes in single quotes: .dev.vars is dotenv, and the value has double quotes inside.
	const value = key === 'CERT_SIGNING_KEY' ? `'${make()}'` : make();
	text += `${separator}${key}=${value}\n`;
	added.push(key);
}
if (added.length > 0) {
	writeFileSync(file, text, { mode: 0o600 });
	console.log(`.dev.vars: ${added.join(' y ')} agregado (solo para desarrollo local).`);
}
