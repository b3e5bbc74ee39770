import { fitText, fixed, listSlot, oneLine, slot } from '../../../shared/notifications/fit-text.js';

describe('fitting a short text', () => {
  const slots = [
    fixed('Order'),
    slot(1, ' #1001', ' shopify-1001', ''),
    slot(9, ' for Ada Lovelace', ' for Ada', ''),
    fixed(' waits'),
    listSlot(2, ['A x2', 'B x1', 'C x7'], { before: ': ', after: '.', whenEmpty: ' (3 SKUs).' }),
  ];

  it('takes the most wanted alternatives when they fit', () => {
    expect(fitText(slots, 200)).toBe('Order #1001 for Ada Lovelace waits: A x2, B x1, C x7.');
  });

  it('gives way by rank: the name before the list, the list before the order number', () => {
    expect(fitText(slots, 45)).toBe('Order #1001 for Ada waits: A x2, B x1, C x7.');
    expect(fitText(slots, 37)).toBe('Order #1001 waits: A x2, B x1, C x7.');
    expect(fitText(slots, 35)).toBe('Order #1001 waits: A x2 +2 more.');
    expect(fitText(slots, 27)).toBe('Order #1001 waits (3 SKUs).');
    expect(fitText(slots, 26)).toBe('Order waits: A x2 +2 more.');
    expect(fitText(slots, 24)).toBe('Order waits (3 SKUs).');
  });

  it('never cuts an alternative', () => {
    for (let limit = 21; limit < 60; limit++) {
      const text = fitText(slots, limit);
      expect(text.length).toBeLessThanOrEqual(limit);
      expect(text).toMatch(
        /^Order( #1001| shopify-1001)?( for Ada Lovelace| for Ada)? waits(: .*\.| \(3 SKUs\)\.)$/,
      );
    }
  });

  it('refuses wording whose shortest form is already too long', () => {
    expect(() => fitText([fixed('x'.repeat(10))], 9)).toThrow(/longer than 9/);
  });
});

describe('one line', () => {
  it('turns line breaks, tabs and control characters into single spaces', () => {
    expect(oneLine(' Ada\r\n\tLove\u0000lace ')).toBe('Ada Love lace');
    expect(oneLine(undefined)).toBe('');
  });
});
