/**
 * Readable names for the passkey providers citizens are likely to use, by AAGUID. From the community
 * list passkeydeveloper/passkey-authenticator-aaguids (kept small on purpose: a name the person
 * recognises, or a plain fallback). Update it when a provider people use shows the fallback.
 */
const PROVIDERS: Record<string, string> = {
	'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Administrador de contraseñas de Google',
	'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome en Mac',
	'08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
	'9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
	'6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
	'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'Llavero de iCloud (Apple)',
	'dd4ec289-e01d-41c9-bb89-70fa845d4bf2': 'Llavero de iCloud (Apple)',
	'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
	'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
	'53414d53-554e-4700-0000-000000000000': 'Samsung Pass',
	'531126d6-e717-415c-9320-3d9aa6981239': 'Dashlane',
	'50726f74-6f6e-5061-7373-50726f746f6e': 'Proton Pass',
	'fdb141b2-5d84-443e-8a35-4698c205a502': 'KeePassXC',
	'771b48fd-d3d4-4f74-9232-fc157ab0507a': 'Administrador de contraseñas de Microsoft Edge',
	'b5397666-4885-aa6b-cebf-e52262a439a2': 'NordPass',
	'f3809540-7f14-49c1-a8b3-8f813b225541': 'Enpass'
};

export function providerName(aaguid: string): string {
	return PROVIDERS[aaguid.toLowerCase()] ?? 'Llave de acceso';
}
