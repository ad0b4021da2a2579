/**
 * The version of the contract between the page and the API, shared by both. Bump it (an integer) when
 * the API changes in a way an older page cannot handle: the page sends it as `X-Api-Version` on every
 * call, and the Worker answers 409 `version_incompatible` to a page built for another version.
 */
export const API_VERSION = 1;

export const API_VERSION_HEADER = 'X-Api-Version';

/** The error code the API answers to a page built for another version. */
export const VERSION_INCOMPATIBLE = 'version_incompatible';
