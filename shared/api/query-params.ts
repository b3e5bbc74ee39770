import * as z from 'zod/mini';
import '../zod-mini.js';

/**
 * Query parameters arrive as text. These parse them strictly ("12", not "12abc", "1e1" or ""), so
 * a typo is refused rather than read as something the caller did not mean.
 */
export const wholeNumberParam = (min: number, max: number) =>
  z.pipe(
    z.pipe(z.string().check(z.regex(/^\d{1,10}$/, 'Expected a whole number')), z.transform(Number)),
    z.number().check(z.int(), z.gte(min), z.lte(max)),
  );

export const booleanParam = z.pipe(
  z.enum(['true', 'false']),
  z.transform((value: 'true' | 'false') => value === 'true'),
);

/** For routes that take no query parameters: anything given is a mistake worth telling about. */
export const noQuery = z.strictObject({});

/**
 * An id in the path, taken exactly as sent: ids are stored trimmed, so surrounding spaces would
 * name something else, and trimming them would act on an order the URL does not name.
 */
export const idParam = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(200),
    z.regex(/^\S(?:[\s\S]*\S)?$/, 'must not start or end with a space'),
  );

/**
 * A name that becomes a key of a stored map (a channel's or a SKU's policy layer). Two names are
 * refused: JSON parsers and schema libraries drop `__proto__`, and a map with a `constructor` of
 * its own is taken for a class instance by the DynamoDB marshaller.
 */
export const RESERVED_KEY_NAMES: readonly string[] = ['__proto__', 'constructor'];
export const notReservedKey = (name: string): boolean => !RESERVED_KEY_NAMES.includes(name);
export const RESERVED_KEY_MESSAGE = '`__proto__` and `constructor` are reserved names';
