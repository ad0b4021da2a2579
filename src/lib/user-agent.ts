/**
 * A device in plain words from its User-Agent header, for the activity screen: "Chrome en Android",
 * "Safari en iPhone", "Firefox en Windows". Order matters: Edge, Opera and Samsung Internet say
 * "Chrome" too, and every browser on iOS says "Safari".
 */
const BROWSERS: [RegExp, string][] = [
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\b(OPR|Opera)\//, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\b(Firefox|FxiOS)\//, 'Firefox'],
	[/(Chrome|CriOS|Chromium)\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
	[/\bMobile\/\w+/, 'Safari']
];

const SYSTEMS: [RegExp, string][] = [
	[/\biPhone\b/, 'iPhone'],
	[/\biPad\b/, 'iPad'],
	[/\bAndroid\b/, 'Android'],
	[/\bWindows\b/, 'Windows'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bMac OS X\b|\bMacintosh\b/, 'Mac'],
	[/\bLinux\b/, 'Linux']
];

export const UNKNOWN_DEVICE = 'Otro dispositivo';

export function describeDevice(userAgent: string | null | undefined): string {
	if (!userAgent) return UNKNOWN_DEVICE;
	const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
	const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
	if (!browser) return system ? `Un navegador en ${system}` : UNKNOWN_DEVICE;
	return system ? `${browser} en ${system}` : browser;
}
