import fc from 'fast-check';

/**
 * Reads the live /api/openapi.json and turns its schemas into fast-check arbitraries: values a real
 * page could send ("valid-looking") and the hostile variants an attacker would try instead. Nothing
 * here lists routes by hand, so an operation added later is fuzzed the day it is documented.
 */
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface Schema {
	$ref?: string;
	type?: string | string[];
	format?: string;
	pattern?: string;
	enum?: unknown[];
	const?: unknown;
	example?: unknown;
	examples?: unknown[];
	default?: unknown;
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
	anyOf?: Schema[];
	oneOf?: Schema[];
	allOf?: Schema[];
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
}

export interface Parameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: Schema;
}

export interface Operation {
	parameters?: Parameter[];
	requestBody?: { content?: Record<string, { schema?: Schema }> };
	'x-mi-anses-nivel'?: number;
}

export interface OpenApiDoc {
	paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
	components?: { schemas?: Record<string, Schema> };
}

export interface Endpoint {
	method: Uppercase<(typeof METHODS)[number]>;
	path: string;
	op: Operation;
}

export function endpoints(doc: OpenApiDoc): Endpoint[] {
	return Object.entries(doc.paths).flatMap(([path, item]) =>
		METHODS.flatMap((m) => {
			const op = item[m];
			return op ? [{ method: m.toUpperCase() as Endpoint['method'], path, op }] : [];
		})
	);
}

/** Strings that have broken parsers, query builders and templates somewhere before. */
export const HOSTILE_STRINGS = [
	'',
	' ',
	'0',
	'-1',
	'1e400',
	'9007199254740993',
	'99999999999999999999999999',
	'0x10',
	'null',
	'undefined',
	'NaN',
	'true',
	'__proto__',
	'constructor',
	"' OR '1'='1",
	'"; DROP TABLE citizens; --',
	'1; DELETE FROM sessions',
	'../../../etc/passwd',
	'..%2F..%2F',
	'<script>alert(1)</script>',
	'${7*7}{{7*7}}',
	'\u0000',
	'\uD800',
	'\uDFFF\uD800',
	'\uFEFF20-17254359-7',
	'20-17254359-7\u200B',
	'２０１７２５４３５９７',
	'ñandú Ü ç',
	'𝕏🦙👩‍👩‍👧‍👦',
	'a'.repeat(5000),
	'\r\nSet-Cookie: x=1',
	'2026-02-30',
	'2026-13',
	'0000-00-00'
];

export const HOSTILE_VALUES: unknown[] = [
	null,
	true,
	false,
	0,
	-1,
	1.5,
	-0.0001,
	2 ** 53 + 2,
	-(2 ** 63),
	1e308,
	[],
	{},
	[[[[]]]],
	JSON.parse('{"__proto__": {"admin": true}}'),
	{ constructor: { prototype: { nivel: 3 } } },
	...HOSTILE_STRINGS
];

export const hostileValue = () => fc.constantFrom(...HOSTILE_VALUES);

function resolve(doc: OpenApiDoc, s: Schema): Schema {
	let out = s;
	for (let i = 0; out.$ref && i < 10; i++) out = doc.components?.schemas?.[out.$ref.split('/').pop()!] ?? {};
	return out;
}

function isoDate(): fc.Arbitrary<string> {
	return fc
		.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
		.map((d) => d.toISOString().slice(0, 10));
}

function stringFor(s: Schema): fc.Arbitrary<string> {
	if (s.format === 'date') return isoDate();
	if (s.format === 'uuid') return fc.uuid();
	if (s.format === 'email') return fc.emailAddress();
	if (s.format === 'binary') return fc.string();
	if (s.pattern) {
		try {
			return fc.stringMatching(new RegExp(s.pattern), { maxLength: Math.max(s.maxLength ?? 80, 1) });
		} catch {
			/* a pattern fast-check cannot invert: plain strings below */
		}
	}
	return fc.string({
		unit: 'grapheme',
		minLength: s.minLength ?? 0,
		maxLength: Math.min(s.maxLength ?? 40, 200)
	});
}

function numberFor(s: Schema, integer: boolean): fc.Arbitrary<number> {
	const min = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : s.minimum;
	const max = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : s.maximum;
	if (integer)
		return fc.integer({
			min: Math.max(min ?? -1e6, Number.MIN_SAFE_INTEGER),
			max: Math.min(max ?? 1e9, Number.MAX_SAFE_INTEGER)
		});
	return fc.double({ min: min ?? -1e9, max: max ?? 1e12, noNaN: true, noDefaultInfinity: true });
}

/** A value that satisfies `schema` as far as the document says (patterns, enums, ranges, required keys). */
export function validValue(doc: OpenApiDoc, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
	if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
	const s = resolve(doc, schema);
	const alternatives = s.anyOf ?? s.oneOf;
	let arb: fc.Arbitrary<unknown>;
	if (alternatives) arb = fc.oneof(...alternatives.map((a) => validValue(doc, a, depth + 1)));
	else if (s.allOf) arb = validValue(doc, s.allOf[0], depth + 1);
	else if (s.const !== undefined) arb = fc.constant(s.const);
	else if (s.enum) arb = fc.constantFrom(...s.enum);
	else {
		const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
		const byType = (t: string): fc.Arbitrary<unknown> => {
			if (t === 'string') return stringFor(s);
			if (t === 'integer') return numberFor(s, true);
			if (t === 'number') return numberFor(s, false);
			if (t === 'boolean') return fc.boolean();
			if (t === 'null') return fc.constant(null);
			if (t === 'array')
				return fc.array(validValue(doc, s.items, depth + 1), {
					minLength: s.minItems ?? 0,
					maxLength: Math.min(s.maxItems ?? 4, Math.max(s.minItems ?? 0, 4))
				});
			if (t === 'object' || s.properties) {
				const props = s.properties ?? {};
				return fc.record(
					Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validValue(doc, v, depth + 1)])),
					{ requiredKeys: (s.required ?? []).filter((k) => k in props) }
				);
			}
			return fc.jsonValue({ maxDepth: 2 });
		};
		arb = types.length ? fc.oneof(...types.map(byType)) : byType(s.properties ? 'object' : '');
	}
	const examples = [s.example, ...(s.examples ?? [])].filter((e) => e !== undefined);
	return examples.length ? fc.oneof(fc.constantFrom(...examples), arb) : arb;
}

/**
 * A valid-looking object with one thing wrong: a required key missing, a value of the wrong type, or
 * keys nobody asked for (mass assignment, prototype pollution).
 */
export function mutatedValue(doc: OpenApiDoc, schema: Schema | undefined): fc.Arbitrary<unknown> {
	return fc
		.tuple(
			validValue(doc, schema),
			fc.constantFrom('drop', 'retype', 'extra', 'wrap'),
			fc.nat(),
			hostileValue(),
			fc.constantFrom('__proto__', 'constructor', 'nivel', 'citizenId', 'citizen_id', 'admin', 'id', 'rol')
		)
		.map(([value, how, i, bad, extraKey]) => {
			if (how === 'wrap' || value === null || typeof value !== 'object' || Array.isArray(value))
				return how === 'wrap' ? [value] : bad;
			const obj = { ...(value as Record<string, unknown>) };
			const keys = Object.keys(obj);
			if (how === 'drop' && keys.length) delete obj[keys[i % keys.length]];
			else if (how === 'retype' && keys.length) obj[keys[i % keys.length]] = bad;
			else
				Object.defineProperty(obj, extraKey, {
					value: bad,
					enumerable: true,
					writable: true,
					configurable: true
				});
			return obj;
		});
}
