// '@acs-opensearch/client/signing': signature V3 (ACS3-HMAC-SHA256), one step per file, composed by
// signRequest. For verifiers (the mocks use it) and for callers who sign requests themselves.

export { assertCredentials, type Credentials } from '../errors/checks.js';
export { acsDate } from './acsDate.js';
export { ALGORITHM, formatAuthorization, type ParsedAuthorization, parseAuthorization } from './authorization.js';
export { type CanonicalHeaders, canonicalHeaders, type HeaderEntries, isSignedHeaderName } from './canonicalHeaders.js';
export { canonicalQuery } from './canonicalQuery.js';
export {
  type CanonicalParts,
  type CanonicalSignature,
  canonicalRequest,
  signCanonical,
  stringToSign,
} from './canonicalRequest.js';
export { canonicalUri } from './canonicalUri.js';
export { computeSignature, type SignatureInput, type SignatureParts } from './computeSignature.js';
export { type BodyBytes, EMPTY_PAYLOAD_HASH, type SigningCrypto, webCrypto } from './crypto.js';
export { DEFAULT_CRYPTO_NAME, defaultCrypto } from './defaultCrypto.js';
export { percentEncode } from './percentEncode.js';
export { signatureNonce } from './signatureNonce.js';
export {
  type HeadersLike,
  type SignedRequest,
  type SignRequestInput,
  type SignRequestOptions,
  signRequest,
} from './signRequest.js';
