import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The prefix and tenant make a leaked key recognisable (secret scanners, support); only the 32
 * random bytes give it strength, which is also why a plain SHA-256 is enough to store it: a
 * 256-bit random key cannot be guessed from its hash, so no slow, salted hash is needed.
 */
export const newApiKey = (tenantId: string): string =>
  `bo_${tenantId}_${randomBytes(32).toString('base64url')}`;

export const newWebhookSecret = (): string => randomBytes(32).toString('base64url');

/** How an API key is stored and looked up: never the key itself. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * A name for a key that history can record and the tenant command can print: a prefix of its
 * hash, which says which key acted without revealing anything that opens the API.
 */
export const apiKeyId = (hash: string): string => hash.slice(0, 12);

export const MIN_API_KEY_LENGTH = 8;
export const MAX_API_KEY_LENGTH = 512;
/** RFC 6750's b64token: the only shape a bearer token may take. */
const B64_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

/** Bounded too, so that no caller can make us hash a huge header. */
export const isWellFormedApiKey = (key: string): boolean =>
  key.length >= MIN_API_KEY_LENGTH && key.length <= MAX_API_KEY_LENGTH && B64_TOKEN.test(key);

/** Compares two hex hashes in constant time. */
export const sameHash = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
};
