import { z } from 'zod';

/**
 * Passkey (WebAuthn) API schemas. The ceremony payloads themselves (options and responses) are the JSON
 * forms SimpleWebAuthn and the WebAuthn Level 3 `toJSON()` methods produce; they are validated here for
 * shape and size only, and cryptographically by @simplewebauthn/server in the Worker.
 */

const base64url = z
	.string()
	.max(4096)
	.regex(/^[A-Za-z0-9_-]*$/, { message: 'Tiene que estar en base64url.' });

const Transports = z
	.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
	.max(8)
	.optional();

export const RegistrationResponse = z
	.object({
		id: base64url,
		rawId: base64url,
		type: z.literal('public-key'),
		response: z.object({
			clientDataJSON: base64url,
			attestationObject: base64url,
			authenticatorData: base64url.optional(),
			transports: Transports,
			publicKeyAlgorithm: z.number().int().optional(),
			publicKey: base64url.optional()
		}),
		authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
		clientExtensionResults: z.record(z.string(), z.unknown()).default({})
	})
	.meta({ id: 'RegistrationResponse' });

export const AuthenticationResponse = z
	.object({
		id: base64url,
		rawId: base64url,
		type: z.literal('public-key'),
		response: z.object({
			clientDataJSON: base64url,
			authenticatorData: base64url,
			signature: base64url,
			userHandle: base64url.optional()
		}),
		authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
		clientExtensionResults: z.record(z.string(), z.unknown()).default({})
	})
	.meta({ id: 'AuthenticationResponse' });

export const PasskeyName = z
	.string()
	.trim()
	.min(1, { message: 'Poné un nombre.' })
	.max(60, { message: 'El nombre tiene como máximo 60 caracteres.' });

export const RegistrationVerifyRequest = z
	.object({ response: RegistrationResponse, name: PasskeyName.optional() })
	.meta({ id: 'RegistrationVerifyRequest' });
export type RegistrationVerifyRequest = z.infer<typeof RegistrationVerifyRequest>;

export const AuthenticationVerifyRequest = z
	.object({ response: AuthenticationResponse })
	.meta({ id: 'AuthenticationVerifyRequest' });
export type AuthenticationVerifyRequest = z.infer<typeof AuthenticationVerifyRequest>;

export const RenamePasskeyRequest = z
	.object({ name: PasskeyName })
	.strict()
	.meta({ id: 'RenamePasskeyRequest' });
export type RenamePasskeyRequest = z.infer<typeof RenamePasskeyRequest>;

export const PasskeySummary = z
	.object({
		id: z.string(),
		name: z.string(),
		/** Who keeps it, from its AAGUID: "Google Password Manager", "iCloud Keychain"… */
		provider: z.string(),
		/** Backed up (synced) to the provider's cloud: survives losing the phone. */
		synced: z.boolean(),
		backupEligible: z.boolean(),
		createdAt: z.iso.datetime(),
		lastUsedAt: z.iso.datetime().nullable()
	})
	.meta({ id: 'PasskeySummary' });
export type PasskeySummary = z.infer<typeof PasskeySummary>;

export const PasskeyList = z
	.object({
		passkeys: z.array(PasskeySummary),
		/** True when the only passkey is not synced: losing that device loses it, so suggest a second one. */
		suggestAnother: z.boolean()
	})
	.meta({ id: 'PasskeyList' });
export type PasskeyList = z.infer<typeof PasskeyList>;

export const PasskeyIdParam = z.object({ id: base64url.min(16).max(1400) });

/** Options as the server sends them: passed straight to @simplewebauthn/browser. */
export const CeremonyOptions = z.record(z.string(), z.unknown()).meta({
	id: 'CeremonyOptions',
	description: 'PublicKeyCredentialCreationOptionsJSON o RequestOptionsJSON'
});
