// Makes sure the local `.dev.vars` holds a CLAVE_PEPPER, so that `wrangler dev` and the seed hash claves
// with the same key. Each checkout gets its own random pepper; it is never committed (see .gitignore)
// and never printed, because a pepper that leaks in a terminal log stops protecting the hashes.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../../.dev.vars', import.meta.url));
const KEY = 'CLAVE_PEPPER';

const pepperLine = () => `${KEY}=${randomBytes(32).toString('base64url')}\n`;

if (!existsSync(file)) {
	writeFileSync(file, pepperLine(), { mode: 0o600 });
	console.log('.dev.vars creado con un CLAVE_PEPPER nuevo (solo para desarrollo local).');
} else {
	const text = readFileSync(file, 'utf8');
	// An existing value is kept even if empty or odd: replacing it would orphan every hash made with it.
	if (!new RegExp(`^\\s*(export\\s+)?${KEY}\\s*=`, 'm').test(text)) {
		const separator = text === '' || text.endsWith('\n') ? '' : '\n';
		writeFileSync(file, text + separator + pepperLine());
		console.log('CLAVE_PEPPER agregado a .dev.vars (solo para desarrollo local).');
	}
}
