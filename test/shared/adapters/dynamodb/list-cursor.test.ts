import fc from 'fast-check';
import { cursorSecret, readCursor, signCursor } from '../../../../shared/adapters/dynamodb/list-cursor.js';
import { InvalidInputError } from '../../../../shared/domain/errors.js';

const position = { pk: 'T#t1#ORDER#o-1', sk: 'ORDER#o-1', statusSk: '2026-11-01T09:00:00.000Z#o-1' };

it('reads back the position it signed, for the same binding', () => {
  expect(readCursor('secret', 'query-a', signCursor('secret', 'query-a', position))).toEqual(position);
});

it('refuses it under another binding or another key', () => {
  const cursor = signCursor('secret', 'query-a', position);
  expect(() => readCursor('secret', 'query-b', cursor)).toThrow(InvalidInputError);
  expect(() => readCursor('other', 'query-a', cursor)).toThrow(InvalidInputError);
});

it('refuses any edit of a cursor, and any text it did not sign', () => {
  const cursor = signCursor('secret', 'query-a', position);
  fc.assert(
    fc.property(
      fc.nat({ max: cursor.length - 1 }),
      fc.string({ minLength: 1, maxLength: 1 }),
      (index, char) => {
        const edited = `${cursor.slice(0, index)}${char}${cursor.slice(index + 1)}`;
        fc.pre(edited !== cursor);
        expect(() => readCursor('secret', 'query-a', edited)).toThrow(InvalidInputError);
      },
    ),
  );
  fc.assert(
    fc.property(fc.string(), (text) => {
      expect(() => readCursor('secret', 'query-a', text)).toThrow(InvalidInputError);
    }),
  );
});

it('uses the configured secret, else one derived from the table name', () => {
  expect(cursorSecret('table', 'configured')).toBe('configured');
  expect(cursorSecret('table', '')).toBe(cursorSecret('table', undefined));
  expect(cursorSecret('table', undefined)).not.toBe(cursorSecret('other-table', undefined));
});
