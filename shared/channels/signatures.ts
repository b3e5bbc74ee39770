import { createHmac, timingSafeEqual } from 'node:crypto';
import { type HeaderMap, headerValue } from './headers.js';

/**
 * Webhook signatures: a base64 HMAC-SHA256 of the exact body bytes, keyed by the tenant's secret
 * for the channel. Only the header that carries it and the way the key is derived differ.
 */
export const SIGNATURE_SCHEMES = {
  shopify: { header: 'X-Shopify-Hmac-Sha256' },
  woocommerce: { header: 'X-WC-Webhook-Signature' },
  generic: { header: 'X-Signature' },
} as const;

export type SignatureScheme = keyof typeof SIGNATURE_SCHEMES;

export type SignatureVerdict =
  | { valid: true }
  | {
      valid: false;
      /**
       * `missing-secret`: no secret is configured, and an empty key would let anyone sign;
       * `missing-header`: no signature header; `malformed-header`: not a base64 SHA-256 digest;
       * `mismatch`: a well-formed digest of other bytes or another key.
       */
      reason: 'missing-secret' | 'missing-header' | 'malformed-header' | 'mismatch';
    };

/** The raw request body: bytes as received, or text, which is signed as its UTF-8 bytes. */
export type RawBody = string | Uint8Array;

const DIGEST_BYTES = 32;
// Standard base64 of 32 bytes is always 43 characters and one `=`.
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;

/**
 * WooCommerce signs with `wp_specialchars_decode($secret, ENT_QUOTES)`: a secret stored with HTML
 * entities (as WordPress may store `&` as `&amp;`) is decoded before use. This mirrors that
 * function's table exactly, in one pass, so `&amp;lt;` becomes `&lt;` as it does in PHP.
 */
const WORDPRESS_SPECIAL_CHARS = /&(?:quot|lt|gt|amp|#0*(?:39|34|60|62|38)|#[xX]0*(?:27|22|26));/g;
const CHARACTER_OF_ENTITY: Readonly<Record<string, string>> = {
  quot: '"',
  lt: '<',
  gt: '>',
  amp: '&',
  '#39': "'",
  '#34': '"',
  '#60': '<',
  '#62': '>',
  '#38': '&',
  '#x27': "'",
  '#x22': '"',
  '#x26': '&',
};
/** `&#X0027;` → `#x27`: the table key of an entity the pattern matched. */
const entityKey = (entity: string): string =>
  entity
    .slice(1, -1)
    .toLowerCase()
    .replace(/^(#x?)0+/, '$1');
const decodeWordPressSpecialChars = (secret: string): string =>
  secret.replace(WORDPRESS_SPECIAL_CHARS, (entity) => CHARACTER_OF_ENTITY[entityKey(entity)] ?? entity);

const signingKey = (scheme: SignatureScheme, secret: string): string =>
  scheme === 'woocommerce' ? decodeWordPressSpecialChars(secret) : secret;

const bodyBytes = (body: RawBody): Buffer =>
  typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);

const digest = (scheme: SignatureScheme, secret: string, body: RawBody): Buffer =>
  createHmac('sha256', signingKey(scheme, secret)).update(bodyBytes(body)).digest();

/** The header value a sender puts on `body`: what a test, or a client of the generic endpoint, sends. */
export const signWebhookBody = (scheme: SignatureScheme, secret: string, body: RawBody): string =>
  digest(scheme, secret, body).toString('base64');

/**
 * Checks the scheme's signature header against the body. Never throws: anything that is not a
 * well-formed signature of these exact bytes with this secret is `valid: false` with a reason
 * (for the log; the caller answers 401 whatever the reason).
 *
 * @example
 * ```ts
 * verifyWebhookSignature({ scheme: 'shopify', secret, headers: event.headers, body: rawBody });
 * ```
 */
export const verifyWebhookSignature = (input: {
  scheme: SignatureScheme;
  secret: string;
  headers: HeaderMap | undefined;
  body: RawBody;
}): SignatureVerdict => {
  if (typeof input.secret !== 'string' || input.secret.length === 0)
    return { valid: false, reason: 'missing-secret' };
  const header = headerValue(input.headers, SIGNATURE_SCHEMES[input.scheme].header)?.trim();
  if (!header) return { valid: false, reason: 'missing-header' };
  const claimed = parseDigest(header);
  if (!claimed) return { valid: false, reason: 'malformed-header' };
  const expected = digest(input.scheme, input.secret, input.body);
  return timingSafeEqual(claimed, expected) ? { valid: true } : { valid: false, reason: 'mismatch' };
};

/**
 * Decodes a canonical base64 SHA-256 digest. Node's decoder skips characters it does not know and
 * ignores spare low bits, so the text is checked strictly and must re-encode to itself: only one
 * spelling of each digest is accepted.
 */
const parseDigest = (header: string): Buffer | undefined => {
  if (!BASE64_DIGEST.test(header)) return undefined;
  const bytes = Buffer.from(header, 'base64');
  if (bytes.length !== DIGEST_BYTES || bytes.toString('base64') !== header) return undefined;
  return bytes;
};
