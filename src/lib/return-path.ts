/**
 * Where to go after signing in, from the `volver` query parameter, or `null` when it is not a path on
 * this site. Only same-origin paths are accepted: `//host` and `/\host` are read by browsers as other
 * hosts, and browsers drop tabs and newlines from URLs, so `/\t/host` would become `//host`
 * (open redirect, CWE-601).
 */
export function safeReturnPath(value: string | null | undefined): string | null {
	if (!value || value.length > 2048) return null;
	if (!value.startsWith('/')) return null;
	if (value[1] === '/' || value[1] === '\\') return null;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
	return value;
}
