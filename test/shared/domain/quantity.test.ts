import fc from 'fast-check';
import { isPositiveQuantity } from '../../../shared/domain/quantity.js';

describe('isPositiveQuantity', () => {
  it('accepts positive integers only', () => {
    fc.assert(fc.property(fc.integer({ min: 1 }), (n) => isPositiveQuantity(n)));
    expect([0, -1, 1.5, Number.NaN].map(isPositiveQuantity)).toEqual([false, false, false, false]);
  });
});
