/**
 * JSON parsing that keeps integers beyond `Number.MAX_SAFE_INTEGER` exact, as strings.
 *
 * Shopify ids reach 18 digits and `JSON.parse` silently rounds them (820982911946154508 becomes
 * 820982911946154500), which would merge two orders into one. A reviver sees each number's source
 * text (JSON.parse source text access, Node 21+), so an unsafe integer is read from its own digits;
 * everything else, including whether the text is JSON at all, is `JSON.parse`'s.
 */
export const parseJsonKeepingBigIntegers = (text: string): unknown => JSON.parse(text, keepUnsafeIntegers);

const INTEGER = /^-?(?:0|[1-9]\d*)$/;

/** The reviver's third argument, which TypeScript's lib does not describe yet. */
interface ReviverContext {
  readonly source?: string;
}

function keepUnsafeIntegers(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  const source = context?.source;
  return typeof value === 'number' &&
    source !== undefined &&
    !Number.isSafeInteger(value) &&
    INTEGER.test(source)
    ? source
    : value;
}
