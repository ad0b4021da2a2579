import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env';
import { ApiError } from './errors';

/**
 * Headers of every API response. The page's own headers (with the shell's script hashes) come from
 * build/_headers, written by worker/tools/headers.mjs, because static assets never run the Worker.
 */
export const apiHeaders = secureHeaders({
	// An API answer is data, never a document: nothing may load, run or frame it.
	contentSecurityPolicy: {
		defaultSrc: ["'none'"],
		frameAncestors: ["'none'"],
		baseUri: ["'none'"],
		formAction: ["'none'"]
	},
	strictTransportSecurity: 'max-age=63072000; includeSubDomains; preload',
	xContentTypeOptions: 'nosniff',
	referrerPolicy: 'no-referrer',
	xFrameOptions: 'DENY',
	crossOriginOpenerPolicy: 'same-origin',
	crossOriginResourcePolicy: 'same-origin',
	permissionsPolicy: {
		camera: [],
		microphone: [],
		geolocation: [],
		payment: [],
		usb: [],
		publickeyCredentialsGet: ['self']
	}
});

/**
 * Personal data must not stay in a shared phone's HTTP cache or any proxy's (ASVS 5.0 14.3.2). A route
 * opts out only by setting `publicCache` on the context, never by writing its own header (which this
 * would overwrite): today only /api/keys does, because a public key set holds nothing personal and
 * verifiers should not fetch it on every check.
 */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
	await next();
	c.header('Cache-Control', c.get('publicCache') ?? 'no-store');
};

/** The largest JSON body any endpoint needs today is a sign-in; 16 KiB leaves room and stops abuse. */
const limitJsonBody = bodyLimit({ maxSize: 16 * 1024 });

/**
 * Only the document upload (POST /api/documentos, whose body is a file) skips the 16 KiB limit: it
 * sets its own, 10 MiB, after the session check (worker/documentos/routes.ts `limitUpload`).
 */
export const limitBody: MiddlewareHandler<AppEnv> = (c, next) =>
	c.req.method === 'POST' && /^\/api\/documentos\/?$/.test(c.req.path) ? next() : limitJsonBody(c, next);

function allowedOrigins(env: AppEnv['Bindings']): string[] {
	return env.ALLOWED_ORIGINS.split(',')
		.map((o) => o.trim())
		.filter(Boolean);
}

/**
 * CSRF. Hono's `csrf` refuses cross-site form posts (the content types a plain <form> can send); JSON
 * from another site already needs a CORS preflight we never grant. On top of that every unsafe method
 * must carry an allowed `Origin` (browsers always send it on POST), so that no future endpoint that
 * accepts forms, and no browser quirk in preflights, can open a hole (ASVS 5.0 3.5.1).
 */
export const checkOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
	if (!/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) {
		const origin = c.req.header('origin');
		if (!origin || !allowedOrigins(c.env).includes(origin))
			throw new ApiError(403, 'origen_no_permitido', 'La solicitud no viene de mi ANSES.');
	}
	await next();
};

export const honoCsrf: MiddlewareHandler<AppEnv> = (c, next) =>
	csrf({ origin: allowedOrigins(c.env), secFetchSite: 'same-origin' })(c, next);
