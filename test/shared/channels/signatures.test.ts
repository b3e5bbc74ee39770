import fc from 'fast-check';
import {
  SIGNATURE_SCHEMES,
  type SignatureScheme,
  signWebhookBody,
  verifyWebhookSignature,
} from '../../../shared/channels/signatures.js';
import { fixtureText, SHOPIFY_CANNED, signatureVectors } from './webhook-fixtures.js';

const SECRET = 'tenant-shopify-secret';
const SCHEMES = Object.keys(SIGNATURE_SCHEMES) as SignatureScheme[];

const signed = (scheme: SignatureScheme, body: string | Uint8Array, signature: string | undefined) => ({
  scheme,
  secret: SECRET,
  body,
  headers: signature === undefined ? {} : { [SIGNATURE_SCHEMES[scheme].header]: signature },
});

const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const copy = Uint8Array.from(bytes);
  copy[Math.floor(bit / 8)] = (copy[Math.floor(bit / 8)] ?? 0) ^ (1 << (bit % 8));
  return copy;
};

describe('signature test vectors from the platforms', () => {
  it.each(signatureVectors())('$id: the HMAC matches exactly when expectedValid', (vector) => {
    expect(signWebhookBody(vector.provider, vector.secret, vector.body) === vector.signature).toBe(
      vector.expectedValid,
    );
  });

  it.each(signatureVectors().filter((vector) => vector.secret !== ''))(
    '$id: verification says expectedValid',
    (vector) => {
      const headers = vector.headers ?? { [SIGNATURE_SCHEMES[vector.provider].header]: vector.signature };
      const verdict = verifyWebhookSignature({
        scheme: vector.provider,
        secret: vector.secret,
        headers,
        body: vector.body,
      });
      expect(verdict.valid).toBe(vector.expectedValid);
    },
  );

  it('refuses to verify with an empty secret, though the WooCommerce vector signs with one', () => {
    const vector = signatureVectors().find((candidate) => candidate.secret === '');
    expect(vector).toBeDefined();
    const headers = { 'X-WC-Webhook-Signature': vector?.signature };
    expect(
      verifyWebhookSignature({ scheme: 'woocommerce', secret: '', headers, body: vector?.body ?? '' }),
    ).toEqual({
      valid: false,
      reason: 'missing-secret',
    });
  });
});

describe('verifyWebhookSignature', () => {
  const body = fixtureText(SHOPIFY_CANNED);

  it.each(SCHEMES)('%s: accepts a signature of the exact body, whatever the header case', (scheme) => {
    const signature = signWebhookBody(scheme, SECRET, body);
    const name = SIGNATURE_SCHEMES[scheme].header;
    for (const header of [name, name.toLowerCase(), name.toUpperCase()]) {
      expect(
        verifyWebhookSignature({ scheme, secret: SECRET, body, headers: { [header]: signature } }),
      ).toEqual({
        valid: true,
      });
    }
  });

  it('reads the body as bytes or as UTF-8 text alike', () => {
    const signature = signWebhookBody('shopify', SECRET, body);
    const bytes = new TextEncoder().encode(body);
    expect(verifyWebhookSignature(signed('shopify', bytes, signature)).valid).toBe(true);
    expect(verifyWebhookSignature(signed('shopify', Buffer.from(bytes), signature)).valid).toBe(true);
  });

  it('rejects one flipped bit in the body or in the digest', () => {
    const bytes = new TextEncoder().encode(body);
    const signature = signWebhookBody('shopify', SECRET, bytes);
    expect(verifyWebhookSignature(signed('shopify', flipBit(bytes, 1000), signature))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    const digest = flipBit(Buffer.from(signature, 'base64'), 7);
    expect(verifyWebhookSignature(signed('shopify', bytes, Buffer.from(digest).toString('base64')))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
  });

  it('rejects a signature made with another secret, or for another scheme header', () => {
    const signature = signWebhookBody('shopify', 'someone-else', body);
    expect(verifyWebhookSignature(signed('shopify', body, signature)).valid).toBe(false);
    const headers = { 'X-Signature': signWebhookBody('generic', SECRET, body) };
    expect(verifyWebhookSignature({ scheme: 'shopify', secret: SECRET, body, headers })).toEqual({
      valid: false,
      reason: 'missing-header',
    });
  });

  it('rejects a hex digest, a truncated one, a non-canonical spelling and an empty or missing header', () => {
    const signature = signWebhookBody('generic', SECRET, body);
    const hex = Buffer.from(signature, 'base64').toString('hex');
    // Changing the last character before `=` within its unused low bits decodes to the same bytes.
    const lastIndex = signature.length - 2;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const nonCanonical = `${signature.slice(0, lastIndex)}${alphabet[alphabet.indexOf(signature.charAt(lastIndex)) ^ 1]}=`;
    expect(Buffer.from(nonCanonical, 'base64').equals(Buffer.from(signature, 'base64'))).toBe(true);
    const cases: Array<[string | undefined, string]> = [
      [hex, 'malformed-header'],
      [signature.slice(0, 43), 'malformed-header'],
      [signature.slice(0, 20), 'malformed-header'],
      [signature.replace('=', ''), 'malformed-header'],
      [`${signature}AAAA`, 'malformed-header'],
      [nonCanonical, 'malformed-header'],
      [`${signature},${signature}`, 'malformed-header'],
      ['fake', 'malformed-header'],
      ['', 'missing-header'],
      ['   ', 'missing-header'],
      [undefined, 'missing-header'],
    ];
    for (const [header, reason] of cases)
      expect(verifyWebhookSignature(signed('generic', body, header))).toEqual({ valid: false, reason });
    expect(verifyWebhookSignature({ scheme: 'generic', secret: SECRET, body, headers: undefined })).toEqual({
      valid: false,
      reason: 'missing-header',
    });
  });

  it('rejects the same JSON re-serialised: the signature covers bytes, not meaning', () => {
    const signature = signWebhookBody('shopify', SECRET, body);
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(verifyWebhookSignature(signed('shopify', reserialised, signature))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    // Shopify escapes `/` in its bodies; JSON.stringify does not.
    const escaped = '{"order_status_url":"https:\\/\\/shop.example\\/orders\\/1"}';
    const escapedSignature = signWebhookBody('shopify', SECRET, escaped);
    expect(verifyWebhookSignature(signed('shopify', escaped, escapedSignature)).valid).toBe(true);
    expect(
      verifyWebhookSignature(signed('shopify', JSON.stringify(JSON.parse(escaped)), escapedSignature)).valid,
    ).toBe(false);
  });

  it('keys WooCommerce with its secret HTML-decoded as WordPress does, and the others as given', () => {
    const body = '{"id":1}';
    expect(signWebhookBody('woocommerce', 'a&amp;b&quot;c&#039;d&#x27;e&lt;', body)).toBe(
      signWebhookBody('generic', "a&b\"c'd'e<", body),
    );
    // One pass, as in PHP: `&amp;lt;` becomes `&lt;`, not `<`.
    expect(signWebhookBody('woocommerce', '&amp;lt;', body)).toBe(signWebhookBody('generic', '&lt;', body));
    expect(signWebhookBody('woocommerce', '&copy;&AMP;', body)).toBe(
      signWebhookBody('generic', '&copy;&AMP;', body),
    );
    expect(signWebhookBody('shopify', 'a&amp;b', body)).not.toBe(signWebhookBody('shopify', 'a&b', body));
  });

  it('verifies any bytes signed correctly and rejects them once tampered with', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        fc.string({ minLength: 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.nat(),
        (scheme, secret, bytes, bit) => {
          const signature = signWebhookBody(scheme, secret, bytes);
          const headers = { [SIGNATURE_SCHEMES[scheme].header.toLowerCase()]: signature };
          const tampered = flipBit(bytes, bit % (bytes.length * 8));
          expect(verifyWebhookSignature({ scheme, secret, headers, body: bytes })).toEqual({ valid: true });
          expect(verifyWebhookSignature({ scheme, secret, headers, body: tampered }).valid).toBe(false);
          const truncated = bytes.subarray(0, bytes.length - 1);
          expect(verifyWebhookSignature({ scheme, secret, headers, body: truncated }).valid).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the headers hold', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        fc.dictionary(fc.string(), fc.option(fc.string(), { nil: undefined })),
        fc.oneof(fc.string(), fc.base64String(), fc.stringMatching(/^[A-Za-z0-9+/=]{40,48}$/)),
        fc.string(),
        (scheme, headers, signature, body) => {
          const all = { ...headers, [SIGNATURE_SCHEMES[scheme].header]: signature };
          const verdict = verifyWebhookSignature({ scheme, secret: SECRET, headers: all, body });
          expect(typeof verdict.valid).toBe('boolean');
          expect(verdict.valid).toBe(signature.trim() === signWebhookBody(scheme, SECRET, body));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
