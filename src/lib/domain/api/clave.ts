import { z } from 'zod';
import { Cuil, ClaveInput } from './auth';
import { QUESTION_IDS } from '../security-questions';

/** A new clave as typed twice, with the acceptance of the security policies (the article's steps). */
const NewClave = {
	claveNueva: ClaveInput,
	confirmacion: z.string().max(512),
	aceptaPoliticas: z.literal(true, { message: 'Tenés que aceptar las políticas de seguridad.' })
};

export const ChangeClaveRequest = z
	.object({
		/** Not needed right after a passkey sign-in (in the last 5 minutes). */
		claveActual: z.string().max(512).optional(),
		...NewClave
	})
	.strict()
	.meta({ id: 'ChangeClaveRequest' });
export type ChangeClaveRequest = z.infer<typeof ChangeClaveRequest>;

export const ChangeClaveResponse = z
	.object({
		otrasSesionesCerradas: z.number().int(),
		cambiadaEn: z.iso.datetime(),
		/** Where the notice went: the person's email, a text message, or nowhere (no contact on file). */
		avisoPor: z.enum(['email', 'sms']).nullable()
	})
	.meta({ id: 'ChangeClaveResponse' });
export type ChangeClaveResponse = z.infer<typeof ChangeClaveResponse>;

export const Answer = z.object({
	id: z.enum(QUESTION_IDS),
	respuesta: z.string().trim().min(2, { message: 'Escribí tu respuesta.' }).max(100)
});

const FlowToken = z.string().regex(/^[A-Za-z0-9_-]{22}$/, { message: 'El trámite no es válido.' });
const Code = z.string().regex(/^\d{6}$/, { message: 'El código tiene 6 números.' });

export const RecoveryStartRequest = z.object({ cuil: Cuil }).strict().meta({ id: 'RecoveryStartRequest' });
export const RecoveryStartResponse = z
	.object({
		recuperacion: FlowToken,
		preguntas: z.array(z.object({ id: z.string(), texto: z.string() })).length(2)
	})
	.meta({ id: 'RecoveryStartResponse' });
export type RecoveryStartResponse = z.infer<typeof RecoveryStartResponse>;

export const RecoveryAnswersRequest = z
	.object({ recuperacion: FlowToken, respuestas: z.array(Answer).length(2) })
	.strict()
	.meta({ id: 'RecoveryAnswersRequest' });

export const CodeSentResponse = z
	.object({ canal: z.enum(['email', 'sms']), destino: z.string().meta({ example: 'ro•••@example.com' }) })
	.meta({ id: 'CodeSentResponse' });
export type CodeSentResponse = z.infer<typeof CodeSentResponse>;

export const RecoveryCodeRequest = z
	.object({ recuperacion: FlowToken, codigo: Code })
	.strict()
	.meta({ id: 'RecoveryCodeRequest' });

export const RecoveryClaveRequest = z
	.object({ recuperacion: FlowToken, ...NewClave })
	.strict()
	.meta({ id: 'RecoveryClaveRequest' });

export const AltaStartRequest = z
	.object({
		cuil: Cuil,
		dni: z.string().regex(/^\d{1,2}\.?\d{3}\.?\d{3}$/, { message: 'Escribí tu DNI, solo números.' }),
		tramite: z.string().regex(/^\d{11}$/, { message: 'El número de trámite tiene 11 números.' })
	})
	.strict()
	.meta({ id: 'AltaStartRequest' });

export const AltaStartResponse = CodeSentResponse.extend({ alta: FlowToken }).meta({
	id: 'AltaStartResponse'
});
export type AltaStartResponse = z.infer<typeof AltaStartResponse>;

export const AltaConfirmRequest = z
	.object({ alta: FlowToken, codigo: Code, preguntas: z.array(Answer).length(3), ...NewClave })
	.strict()
	.refine((r) => new Set(r.preguntas.map((p) => p.id)).size === 3, {
		message: 'Elegí tres preguntas distintas.',
		path: ['preguntas']
	})
	.meta({ id: 'AltaConfirmRequest' });

export const NoFuiYoRequest = z.object({ token: FlowToken }).strict().meta({ id: 'NoFuiYoRequest' });

export const ClaveStatus = z
	.object({
		actualizadaEn: z.iso.datetime(),
		antiguedadDias: z.number().int(),
		/** Over 12 months: a gentle reminder, never a forced expiry (NIST 800-63B 3.1.1.2). */
		recomendarCambio: z.boolean(),
		tienePreguntas: z.boolean()
	})
	.meta({ id: 'ClaveStatus' });
export type ClaveStatus = z.infer<typeof ClaveStatus>;

export const SecurityQuestionList = z
	.object({ preguntas: z.array(z.object({ id: z.string(), texto: z.string() })) })
	.meta({ id: 'SecurityQuestionList' });

export const PolicyFailure = z.object({ rule: z.string(), message: z.string() });
