import { DurableObject } from 'cloudflare:workers';

/**
 * A fixed-window counter for one key (one object per key, e.g. `verificar:ip:203.0.113.7`). Unlike
 * LoginThrottle, which counts failures and slows a guesser down, this counts every request: the public
 * verification answers with a name and a CUIL whether or not the lookup "succeeds", so what must be
 * capped is the number of lookups. The object handles one call at a time, so parallel requests cannot
 * race past the limit.
 */
interface Ventana {
	/** When the window ends (epoch ms). */
	fin: number;
	cuenta: number;
}

export type Resultado = { ok: true; restantes: number } | { ok: false; retryAfterSeconds: number };

export class RateLimit extends DurableObject {
	async contar(limite: number, ventanaMs: number): Promise<Resultado> {
		const now = Date.now();
		let v = await this.ctx.storage.get<Ventana>('v');
		if (!v || now >= v.fin) v = { fin: now + ventanaMs, cuenta: 0 };
		if (v.cuenta >= limite)
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((v.fin - now) / 1000)) };
		v.cuenta++;
		await this.ctx.storage.put('v', v);
		// Nothing to keep once the window is over: an alarm forgets the key, so idle addresses cost nothing.
		if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(v.fin);
		return { ok: true, restantes: limite - v.cuenta };
	}

	async alarm(): Promise<void> {
		const v = await this.ctx.storage.get<Ventana>('v');
		// A window that started after the alarm was set is still running: wait for its end instead.
		if (v && Date.now() < v.fin) await this.ctx.storage.setAlarm(v.fin);
		else await this.ctx.storage.deleteAll();
	}
}
