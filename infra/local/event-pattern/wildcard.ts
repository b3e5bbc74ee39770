import { invalidPattern } from './errors.js';

/** A wildcard pattern as event-ruler sees it: UTF-8 bytes of the quoted value, with `*` standing apart. */
export type WildcardToken = number | typeof ANY_SEQUENCE;
export const ANY_SEQUENCE = 'any-sequence';

const ASTERISK = 0x2a;
const BACKSLASH = 0x5c;
const utf8 = new TextEncoder();

// The quotes take part in matching (a value must be a JSON string to match) and in the
// positions reported for malformed patterns, so both are kept exactly as event-ruler has them.
const quotedBytes = (text: string): Uint8Array => utf8.encode(`"${text}"`);

/**
 * Parses a `wildcard` value: `*` matches any run of characters, `\*` and `\\` stand for a
 * literal asterisk and backslash, and anything else after a backslash is refused.
 */
export const parseWildcard = (text: string): WildcardToken[] => {
  const bytes = quotedBytes(text);
  const tokens: WildcardToken[] = [];
  for (let position = 0; position < bytes.length; position += 1) {
    const byte = bytes[position];
    const nextByte = bytes[position + 1];
    if (byte === ASTERISK) {
      if (nextByte === ASTERISK) invalidPattern(`Consecutive wildcard characters at pos ${position}`);
      tokens.push(ANY_SEQUENCE);
    } else if (byte === BACKSLASH) {
      if (nextByte !== ASTERISK && nextByte !== BACKSLASH) {
        invalidPattern(`Invalid escape character at pos ${position}`);
      }
      tokens.push(nextByte);
      position += 1;
    } else if (byte !== undefined) {
      tokens.push(byte);
    }
  }
  return tokens;
};

/** Glob matching over bytes, backtracking only to the most recent `*`. */
export const matchesWildcard = (tokens: readonly WildcardToken[], value: string): boolean => {
  const input = quotedBytes(value);
  let tokenIndex = 0;
  let inputIndex = 0;
  let lastStarIndex = -1;
  let inputIndexAfterStar = 0;
  while (inputIndex < input.length) {
    const token = tokens[tokenIndex];
    if (token === ANY_SEQUENCE) {
      lastStarIndex = tokenIndex;
      inputIndexAfterStar = inputIndex;
      tokenIndex += 1;
    } else if (token === input[inputIndex]) {
      tokenIndex += 1;
      inputIndex += 1;
    } else if (lastStarIndex >= 0) {
      tokenIndex = lastStarIndex + 1;
      inputIndexAfterStar += 1;
      inputIndex = inputIndexAfterStar;
    } else {
      return false;
    }
  }
  while (tokens[tokenIndex] === ANY_SEQUENCE) tokenIndex += 1;
  return tokenIndex === tokens.length;
};
