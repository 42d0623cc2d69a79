// Signature V3 (ACS3-HMAC-SHA256): one step per file, composed by signRequest.
export { acsDate } from './acsDate.js';
export { ALGORITHM, formatAuthorization, parseAuthorization, type ParsedAuthorization } from './authorization.js';
export { canonicalHeaders, isSignedHeaderName, type CanonicalHeaders, type HeaderEntries } from './canonicalHeaders.js';
export { canonicalQuery } from './canonicalQuery.js';
export { canonicalUri } from './canonicalUri.js';
export { computeSignature, type SignatureInput, type SignatureParts } from './computeSignature.js';
export { EMPTY_PAYLOAD_HASH, hmacSha256Hex, sha256Hex, webCrypto, type BodyBytes, type SigningCrypto } from './crypto.js';
export { percentEncode } from './percentEncode.js';
export { signatureNonce } from './signatureNonce.js';
export {
  assertCredentials,
  signRequest,
  type Credentials,
  type HeadersLike,
  type SignedRequest,
  type SignRequestInput,
  type SignRequestOptions,
} from './signRequest.js';
