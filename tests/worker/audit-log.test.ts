import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

/** Migration 0007: the operators' audit log only grows (ASVS 5.0 16.4.2), whatever code runs. */
describe('audit_log', () => {
	it('accepts new rows and refuses any UPDATE or DELETE', async () => {
		const { meta } = await env.DB.prepare(
			"INSERT INTO audit_log (at, operator_id, udai_id, citizen_id, action, detail) VALUES (?, 1, 1, 2, 'validacion_identidad', '{}')"
		)
			.bind(Date.now())
			.run();
		const id = meta.last_row_id;
		await expect(
			env.DB.prepare("UPDATE audit_log SET action = 'otra' WHERE id = ?").bind(id).run()
		).rejects.toThrow(/solo agregado/);
		await expect(env.DB.prepare('DELETE FROM audit_log WHERE id = ?').bind(id).run()).rejects.toThrow(
			/solo agregado/
		);
		// Not even inside a batch next to an innocent write: the whole batch is refused.
		await expect(
			env.DB.batch([
				env.DB.prepare("INSERT INTO audit_log (at, operator_id, udai_id, action) VALUES (1, 1, 1, 'x')"),
				env.DB.prepare('DELETE FROM audit_log')
			])
		).rejects.toThrow(/solo agregado/);
		const row = await env.DB.prepare('SELECT action FROM audit_log WHERE id = ?')
			.bind(id)
			.first<{ action: string }>();
		expect(row?.action).toBe('validacion_identidad');
		expect(
			(await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'x'").first<{ n: number }>())!
				.n
		).toBe(0);
	});
});
