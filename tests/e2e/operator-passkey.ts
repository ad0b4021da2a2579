import type { Page } from '@playwright/test';

/**
 * The private half of the demo operator's passkey (worker/seed/demo-accounts.ts holds the public COSE
 * key the seed writes to `passkeys`). Public on purpose: demo data only, like the demo claves. It lets
 * a journey put that credential into Chromium's virtual authenticator and sign in as the operator with
 * a real WebAuthn assertion, without a registration ceremony first.
 */
export const OPERATOR_PASSKEY = {
	credentialId: '0fThd1Tw5PaJ8luKgUsPrA',
	userHandle: 'xA_nLotwcGf-O5faQVFbqw19rn4o3tdKk9wdGR9C9Js',
	privateKeyPkcs8:
		'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsH3crrLDn72daLELWQgoFj2YsZoPBLND8Y1tcK4SOjChRANCAARoH0ZeVAlsmerhi+3gyXYy25LUZyC4xLDkGrJyK5i0DGkL8Z1mqE3TTZ+dKzf4iH70tXJyBYeMZEXtwdQfgdia'
};

const toBase64 = (base64url: string) => Buffer.from(base64url, 'base64url').toString('base64');

/** A virtual platform authenticator (CDP) that already holds the operator's passkey. */
export async function addOperatorAuthenticator(page: Page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true
		}
	});
	await cdp.send('WebAuthn.addCredential', {
		authenticatorId,
		credential: {
			credentialId: toBase64(OPERATOR_PASSKEY.credentialId),
			isResidentCredential: true,
			rpId: 'localhost',
			privateKey: OPERATOR_PASSKEY.privateKeyPkcs8,
			userHandle: toBase64(OPERATOR_PASSKEY.userHandle),
			// Every journey puts the same credential into a fresh authenticator, and the server refuses a
			// non-zero counter that does not grow (a cloned authenticator). The clock only grows, so each
			// copy starts above the last one seen.
			signCount: Math.floor(Date.now() / 1000)
		}
	});
	return { cdp, authenticatorId };
}
