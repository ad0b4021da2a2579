// A browser-only app: the Worker serves one shell and every screen is rendered here.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
