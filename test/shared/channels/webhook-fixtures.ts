import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { ChannelOrderMessage } from '../../../shared/channels/channel-message.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import { incomingOrderSchema } from '../../../shared/domain/inputs.js';

/** The third-party webhook fixtures beside the repository, read as they are. */
export const fixtureText = (fileName: string): string =>
  readFileSync(
    fileURLToPath(new URL(`../../../../shared/fixtures/webhooks/${fileName}`, import.meta.url)),
    'utf8',
  );

export const SHOPIFY_DEVSTORE = 'shopify.orders-create.activepieces-devstore-2023.json';
export const SHOPIFY_CANNED = 'shopify.orders-sample.official-test-notification-2019.json';
export const WOOCOMMERCE_CREATED = 'woocommerce.order-created.rest-docs-v3.json';

export interface SignatureVector {
  id: string;
  provider: 'shopify' | 'woocommerce';
  secret: string;
  body: string;
  signature: string;
  expectedValid: boolean;
  headers?: Record<string, string>;
}

export const signatureVectors = (): SignatureVector[] =>
  (JSON.parse(fixtureText('signature-test-vectors.json')) as { vectors: SignatureVector[] }).vectors;

/** Runs `map` and says how it ended: a result, a typed refusal, or anything else (a bug). */
export const outcomeOf = (map: () => unknown): 'mapped' | 'refused' | 'crashed' => {
  try {
    map();
    return 'mapped';
  } catch (error) {
    return error instanceof InvalidInputError && typeof error.details.problem === 'string'
      ? 'refused'
      : 'crashed';
  }
};

/** Fails (as a crash, not a refusal) unless the message carries an order intake can take. */
export const expectTakeable = (message: ChannelOrderMessage | { kind: 'ping' }): void => {
  if (message.kind === 'ping') return;
  if (!incomingOrderSchema.safeParse(message.order).success)
    throw new Error('the mapped order is not takeable');
};

/** The refusal `map` throws, for assertions on its code and details. */
export const refusalOf = (map: () => unknown): InvalidInputError => {
  try {
    map();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the mapping succeeded');
};

type Path = Array<string | number>;

const pathsOf = (value: unknown, at: Path = []): Path[] => {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, index) => pathsOf(item, [...at, index]))];
  if (value && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))];
  return [at];
};

const REMOVE = Symbol('remove');

const replaceAt = (value: unknown, path: Path, replacement: unknown): unknown => {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  const next = replaceAt(copy[head], rest, replacement);
  if (next === undefined && rest.length === 0) delete copy[head];
  else copy[head] = next;
  return copy;
};

/**
 * Bodies a mapper must refuse or map, never crash on: random text and bytes, random JSON, and the
 * channel's own payload with one field removed or replaced by any JSON value.
 */
export const malformedBodies = (base: unknown): fc.Arbitrary<string | Uint8Array> => {
  const paths = pathsOf(base);
  const mutated = fc
    .tuple(fc.constantFrom(...paths), fc.oneof(fc.jsonValue(), fc.constant(REMOVE)))
    .map(([path, replacement]) => JSON.stringify(replaceAt(base, path, replacement)) ?? '');
  return fc.oneof(
    { arbitrary: mutated, weight: 4 },
    { arbitrary: fc.string(), weight: 1 },
    { arbitrary: fc.json(), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
    { arbitrary: mutated.map((text) => text.slice(0, Math.floor(text.length / 2))), weight: 1 },
  );
};
