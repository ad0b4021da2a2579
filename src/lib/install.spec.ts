import { describe, expect, it, vi } from 'vitest';

vi.mock('$app/environment', () => ({ browser: false }));
const { isIosSafari } = await import('./install.svelte');

const IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';
const IPAD_AS_MAC =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15';
const CHROME_IOS =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/138.0.0.0 Mobile/15E148 Safari/604.1';
const ANDROID =
	'Mozilla/5.0 (Linux; Android 14; SM-A145M) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36';

describe('isIosSafari: who gets the "Compartir → Agregar a inicio" instructions', () => {
	it('an iPhone with Safari', () => expect(isIosSafari(IPHONE, 5)).toBe(true));
	it('an iPad, which Safari presents as a Mac with a touch screen', () =>
		expect(isIosSafari(IPAD_AS_MAC, 5)).toBe(true));
	it('not a real Mac (no touch)', () => expect(isIosSafari(IPAD_AS_MAC, 0)).toBe(false));
	it('not Chrome on iOS, which cannot add to the home screen this way', () =>
		expect(isIosSafari(CHROME_IOS, 5)).toBe(false));
	it('not Android, where the browser offers the install itself', () =>
		expect(isIosSafari(ANDROID, 5)).toBe(false));
});
