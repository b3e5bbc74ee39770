/**
 * JSON parsing that keeps integers beyond `Number.MAX_SAFE_INTEGER` exact, as strings.
 *
 * Shopify ids reach 18 digits and `JSON.parse` silently rounds them (820982911946154508 becomes
 * 820982911946154500), which would merge two orders into one. Node 20 has no access to a number's
 * source text in a reviver, so a pre-pass over the text puts quotes around every unsafe integer
 * that stands where a value is expected; `JSON.parse` then reads it as a string. Everything else,
 * including the decision of whether the text is JSON at all, is left to `JSON.parse`: the pre-pass
 * only ever turns a number token into a string token in a value position, which cannot make
 * invalid JSON valid or change the shape of valid JSON.
 */
export const parseJsonKeepingBigIntegers = (text: string): unknown => JSON.parse(quoteUnsafeIntegers(text));

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const isUnsafeInteger = (token: string): boolean =>
  INTEGER.test(token) && !Number.isSafeInteger(Number(token));

/** Exported for its tests; use `parseJsonKeepingBigIntegers`. */
export const quoteUnsafeIntegers = (text: string): string => {
  // Containers still open, so that `,` can tell an array element (a value) from an object key.
  const open: Array<'{' | '['> = [];
  let previous = ''; // the last character outside strings and whitespace
  let out = '';
  let copied = 0;
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === '"') {
      at = endOfString(text, at);
      previous = '"';
      continue;
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = at;
      const token = NUMBER.exec(text)?.[0];
      if (token) {
        if (isUnsafeInteger(token) && expectsValue(previous, open)) {
          out += `${text.slice(copied, at)}"${token}"`;
          copied = at + token.length;
        }
        at += token.length;
        previous = '0';
        continue;
      }
    }
    if (char === '{' || char === '[') open.push(char);
    else if (char === '}' || char === ']') open.pop();
    if (!JSON_WHITESPACE.has(char)) previous = char;
    at += 1;
  }
  return out + text.slice(copied);
};

const JSON_WHITESPACE = new Set([' ', '\t', '\n', '\r']);

const expectsValue = (previous: string, open: ReadonlyArray<'{' | '['>): boolean =>
  previous === '' || previous === ':' || previous === '[' || (previous === ',' && open.at(-1) === '[');

/** Index just past the string that opens at `start`, or the end of the text if it never closes. */
const endOfString = (text: string, start: number): number => {
  let at = start + 1;
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === '\\') at += 2;
    else if (char === '"') return at + 1;
    else at += 1;
  }
  return text.length;
};
