import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { es } from 'zod/locales';
import { auth } from './auth/routes';
import type { AppEnv } from './env';
import { defaultHook } from './http/app';
import { notFound, onError } from './http/errors';
import { passkeys } from './passkeys/routes';
import { clave } from './clave/routes';
import { cuenta, dev } from './cuenta/routes';
import { servicios } from './servicios/routes';
import { certificados, keys } from './certificados/routes';
import { documentos } from './documentos/routes';
import { turnos } from './turnos/routes';
import { oficina } from './oficina/routes';
import { provisoria } from './oficina/provisoria';
import { corporativas } from './corporativas/routes';
import { apiHeaders, checkOrigin, honoCsrf, limitBody, noStore } from './http/security';
import { checkApiVersion } from './http/version';

export { LoginThrottle } from './auth/throttle';
export { ChallengeStore } from './passkeys/challenges';
export { RateLimit } from './certificados/rate-limit';

// Messages zod writes itself (a wrong type, an unknown key) come out in Spanish; ours are in the schemas.
z.config(es());

const app = new OpenAPIHono<AppEnv>({ defaultHook }).basePath('/api');

app.use('*', apiHeaders, noStore, limitBody, checkOrigin, honoCsrf);
// Before any route: a page built for another API version is told to update, not served.
app.use('*', checkApiVersion);

/** A bare route: the baseline the benchmark compares real endpoints against. */
app.get('/health', (c) => c.json({ ok: true }));

app.route('/auth', auth);
app.route('/passkeys', passkeys);
app.route('/clave', clave);
app.route('/cuenta', cuenta);
app.route('/servicios', servicios);
app.route('/certificados', certificados);
app.route('/keys', keys);
app.route('/documentos', documentos);
app.route('/turnos', turnos);
app.route('/oficina', oficina);
app.route('/clave/provisoria', provisoria);
app.route('/corporativas', corporativas);
app.route('/dev', dev);

app.doc31('/openapi.json', {
	openapi: '3.1.0',
	info: {
		title: 'mi ANSES',
		version: '0.1.0',
		description:
			'API de autogestión de la seguridad social. Los errores tienen siempre la forma { error: { code, message } }.'
	}
});

app.notFound(notFound);
app.onError(onError);

export default app satisfies ExportedHandler<AppEnv['Bindings']>;
