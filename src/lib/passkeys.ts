import {
	WebAuthnAbortService,
	WebAuthnError,
	browserSupportsWebAuthn,
	browserSupportsWebAuthnAutofill,
	platformAuthenticatorIsAvailable,
	startAuthentication,
	startRegistration,
	type PublicKeyCredentialRequestOptionsJSON
} from '@simplewebauthn/browser';
import {
	ApiError,
	getPasskeyAuthenticationOptions,
	getPasskeyRegistrationOptions,
	verifyPasskeyAuthentication,
	verifyPasskeyRegistration
} from '$lib/api/client';
import type { SessionInfo } from '$lib/domain/api/auth';
import type { PasskeySummary } from '$lib/domain/api/passkeys';

/**
 * Passkeys (llaves de acceso) in the browser: the WebAuthn ceremonies through @simplewebauthn/browser,
 * and every way they fail turned into one sentence a person can act on. The sign-in screen loads this
 * module after its first paint, so the library never weighs on that screen's first load.
 */

export type PasskeyOptions = PublicKeyCredentialRequestOptionsJSON;

export function passkeysSupported(): boolean {
	return browserSupportsWebAuthn();
}

/** Conditional mediation: the browser offers saved passkeys in the CUIL field's autofill. */
export function passkeyAutofillSupported(): Promise<boolean> {
	return browserSupportsWebAuthnAutofill().catch(() => false);
}

/** A fingerprint, face or screen-lock authenticator built into this device. */
export function platformPasskeyAvailable(): Promise<boolean> {
	return platformAuthenticatorIsAvailable().catch(() => false);
}

/** Each call is a new single-use challenge the server keeps for 5 minutes. */
export function getPasskeyOptions(): Promise<PasskeyOptions> {
	return getPasskeyAuthenticationOptions();
}

/**
 * Signs in with a discoverable passkey. With options fetched beforehand, `navigator.credentials.get`
 * runs in the same task as the tap: Safari on iOS only opens the passkey sheet inside a user gesture.
 */
export async function signInWithPasskey({
	conditional = false,
	options
}: { conditional?: boolean; options?: PasskeyOptions } = {}): Promise<SessionInfo> {
	const optionsJSON = options ?? (await getPasskeyAuthenticationOptions());
	const response = await startAuthentication({ optionsJSON, useBrowserAutofill: conditional });
	return verifyPasskeyAuthentication({ response });
}

/** Creates a passkey for the signed-in person. Throws ApiError `reautenticacion_requerida` when needed. */
export async function registerPasskey(name?: string): Promise<PasskeySummary> {
	const optionsJSON = await getPasskeyRegistrationOptions();
	const response = await startRegistration({ optionsJSON });
	return verifyPasskeyRegistration(name ? { response, name } : { response });
}

/** Stops a pending ceremony (a conditional request left waiting when the screen goes away). */
export function cancelPasskeyCeremony() {
	WebAuthnAbortService.cancelCeremony();
}

export type PasskeyFailureKind =
	| 'superseded'
	| 'cancelled'
	| 'unsupported'
	| 'already-registered'
	| 'unknown-passkey'
	| 'reauth'
	| 'expired'
	| 'server'
	| 'other';

export type PasskeyFailure = { kind: PasskeyFailureKind; message: string };

const SIGN_IN_MESSAGES = {
	cancelled: 'Cancelaste la llave de acceso o se terminó el tiempo. Probá de nuevo o ingresá con tu clave.',
	unsupported: 'Este navegador no permite usar llaves de acceso. Ingresá con tu CUIL y clave.',
	other: 'No pudimos usar tu llave de acceso. Probá de nuevo o ingresá con tu CUIL y clave.'
};

const REGISTRATION_MESSAGES = {
	cancelled: 'Cancelaste la creación de la llave de acceso o se terminó el tiempo. Podés probar de nuevo.',
	unsupported:
		'Este navegador no permite crear llaves de acceso. Probá con otro navegador o seguí ingresando con tu clave.',
	other: 'No pudimos crear la llave de acceso. Probá de nuevo en unos minutos.'
};

const errorName = (error: unknown): string | undefined => {
	if (!(error instanceof Error)) return undefined;
	const cause = error.cause instanceof Error ? error.cause.name : undefined;
	return error.name === 'Error' ? cause : error.name;
};

/** What went wrong, in Spanish, with a way to go on (usually: the clave). */
export function describePasskeyFailure(
	error: unknown,
	ceremony: 'sign-in' | 'registration' = 'sign-in'
): PasskeyFailure {
	const messages = ceremony === 'sign-in' ? SIGN_IN_MESSAGES : REGISTRATION_MESSAGES;

	if (error instanceof ApiError) {
		switch (error.code) {
			case 'passkey_desconocida':
				return {
					kind: 'unknown-passkey',
					message:
						'Esta llave de acceso no está registrada en mi ANSES (puede que la hayas borrado). Ingresá con tu CUIL y clave.'
				};
			case 'reautenticacion_requerida':
				return { kind: 'reauth', message: error.message };
			case 'desafio_vencido':
				return { kind: 'expired', message: error.message };
			default:
				return { kind: 'server', message: error.message };
		}
	}

	if (error instanceof WebAuthnError) {
		// Another ceremony replaced this one (the button replaces the autofill request): nobody failed.
		if (error.code === 'ERROR_CEREMONY_ABORTED') return { kind: 'superseded', message: messages.cancelled };
		if (error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
			return {
				kind: 'already-registered',
				message: 'Ya tenés una llave de acceso de mi ANSES en este dispositivo.'
			};
	}

	switch (errorName(error)) {
		case 'AbortError':
			return { kind: 'superseded', message: messages.cancelled };
		case 'NotAllowedError':
			return { kind: 'cancelled', message: messages.cancelled };
		case 'InvalidStateError':
			return {
				kind: 'already-registered',
				message: 'Ya tenés una llave de acceso de mi ANSES en este dispositivo.'
			};
		case 'NotSupportedError':
			return { kind: 'unsupported', message: messages.unsupported };
	}
	if (!browserSupportsWebAuthn()) return { kind: 'unsupported', message: messages.unsupported };
	return { kind: 'other', message: messages.other };
}
