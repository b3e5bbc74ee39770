/** Which part of the value an `equals-ignore-case` comparison has to cover. */
export type IgnoreCaseAnchor = 'whole' | 'prefix' | 'suffix';

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const escapeForRegExp = (text: string): string => text.replace(REGEXP_SYNTAX, '\\$&');

/**
 * event-ruler accepts, at each character of the pattern, either its lower-case or its
 * upper-case form (which may differ in length, e.g. "ß" and "SS"), rather than folding both
 * sides; a regular expression of those alternatives reproduces that exactly.
 */
export const ignoreCaseRegExp = (text: string, anchor: IgnoreCaseAnchor): RegExp => {
  const body = Array.from(text)
    .map((character) => {
      const spellings = new Set([character.toLowerCase(), character.toUpperCase()]);
      return `(?:${[...spellings].map(escapeForRegExp).join('|')})`;
    })
    .join('');
  const start = anchor === 'suffix' ? '' : '^';
  const end = anchor === 'prefix' ? '' : '$';
  return new RegExp(`${start}${body}${end}`);
};
