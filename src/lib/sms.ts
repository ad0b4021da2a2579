/**
 * What a code by SMS risks, in plain words (ASVS 5.0 6.6.1 asks the service to say it): a copy of the
 * SIM card, made with a stolen ID at a phone shop, receives the person's messages. Shown where the
 * phone for codes is set and where a code went by SMS.
 */
export const SMS_RIESGO =
	'Nadie de ANSES te va a pedir este código. Un SMS es menos seguro que un correo o una llave de acceso: si alguien consigue un duplicado de tu chip, puede recibirlo. Si podés, agregá una llave de acceso en Gestión de Clave.';
