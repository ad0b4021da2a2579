/** Series colours, Poncho's blue first; each has a matching `.key-N` swatch class where it is listed. */
export const PALETTE = ['#0072bb', '#c2185b', '#2e7d32', '#8a5a00', '#6a1b9a', '#00838f'];
