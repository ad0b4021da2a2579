/** Small builders for route definitions, so every area documents bodies and errors the same way. */
import { ApiErrorBody } from '../../src/lib/domain/api/errors';

export const json = <T>(schema: T, description: string) => ({
	description,
	content: { 'application/json': { schema } }
});

export const jsonBody = <T>(schema: T) => ({
	body: { required: true, content: { 'application/json': { schema } } }
});

/** The documented error statuses of a route, all with the one error shape. */
export const errors = (...codes: [number, string][]) =>
	Object.fromEntries(codes.map(([status, description]) => [status, json(ApiErrorBody, description)]));
