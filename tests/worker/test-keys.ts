/**
 * Fixed signing keys for the worker tests ONLY (generated once with node:crypto; never used anywhere
 * else). `actual` is bound as CERT_SIGNING_KEY; the public half of `anterior` is bound as
 * CERT_PREVIOUS_KEYS, and tests sign with its private half to prove a rotated-out key still verifies.
 */
export const TEST_KEYS = {
	actual: {
		kty: 'EC',
		crv: 'P-256',
		x: 'AywGMVebsgjrNCicWCEEhes9s6_apAt3y2siAqHBwKw',
		y: 'cg74U2P77NUb77saXip-g9OjCkREcj9KxGLdlUKH1lU',
		d: '3xMBaKwvZaK_kzjVpqSRKL0uAqPv8FdV04vDU2w_6_g',
		kid: 'test-20261125-a1b2'
	},
	anterior: {
		kty: 'EC',
		crv: 'P-256',
		x: 'E4IBe44odsxnzJg-0PsOFqE94B0bUfnwTPEt4aBWhus',
		y: 'jK1FnHOldRRk4zeEqfWkjIoyyml65Djw8kHYQ3pgLqY',
		d: 'ffYy0k7yGT57Ryjj2wOHSz4E54A65NdHOibCPBYOeXM',
		kid: 'test-20250101-0ld1'
	}
} as const;

export const TEST_PREVIOUS_PUBLIC = [
	{
		kty: 'EC',
		crv: 'P-256',
		x: TEST_KEYS.anterior.x,
		y: TEST_KEYS.anterior.y,
		kid: TEST_KEYS.anterior.kid
	}
];
