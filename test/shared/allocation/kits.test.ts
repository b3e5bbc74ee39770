import { componentUnits, kitDefinitionProblem, wholeKits } from '../../../shared/allocation/kits.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import { parseInput } from '../../../shared/domain/inputs.js';
import { type KitBook, kitBodySchema } from '../../../shared/domain/kit.js';

const c = (sku: string, quantity: number) => ({ sku, quantity });

describe('kits: definitions (DESIGN §14)', () => {
  it.each([
    ['a plain kit', {}, 'K', [c('A', 2), c('B', 1)], undefined],
    ['a kit of a kit', { INNER: [c('A', 1)] }, 'K', [c('INNER', 2)], undefined],
    ['itself', {}, 'K', [c('K', 1)], 'Kit K cannot contain itself'],
    [
      'a kit that contains it',
      { OTHER: [c('K', 1)] },
      'K',
      [c('OTHER', 1)],
      'Kit K would contain itself through K → OTHER → K',
    ],
    [
      'a longer cycle',
      { X: [c('Y', 1)], Y: [c('K', 3)] },
      'K',
      [c('A', 1), c('X', 1)],
      'Kit K would contain itself through K → X → Y → K',
    ],
    [
      'a redefinition that breaks an old cycle',
      { K: [c('OTHER', 1)], OTHER: [c('A', 1)] },
      'K',
      [c('A', 1)],
      undefined,
    ],
  ] as const)('%s', (_, book, sku, components, problem) => {
    expect(kitDefinitionProblem(book as KitBook, sku, components)).toBe(problem);
  });

  it.each([
    ['no components', { components: [] }],
    ['a zero quantity', { components: [c('A', 0)] }],
    ['a fractional quantity', { components: [c('A', 1.5)] }],
    ['a negative quantity', { components: [c('A', -2)] }],
    ['a repeated component', { components: [c('A', 1), c('A', 2)] }],
    ['an empty SKU', { components: [c(' ', 1)] }],
    ['an unknown field', { components: [c('A', 1)], name: 'x' }],
    ['no body', undefined],
  ])('refuses a body with %s as invalid input', (_, body) => {
    expect(() => parseInput(kitBodySchema, body, 'kit')).toThrow(InvalidInputError);
  });

  it('keeps a valid body as it is', () => {
    expect(parseInput(kitBodySchema, { components: [c('A', 2), c('B', 1)] }, 'kit')).toEqual({
      components: [c('A', 2), c('B', 1)],
    });
  });
});

describe('kits: whole kits only', () => {
  const book: KitBook = { K: [c('A', 2), c('B', 1)], BOX: [c('K', 2), c('C', 1)] };

  it('resolves components, nested kits included', () => {
    expect(componentUnits(book, 'K')).toEqual(
      new Map([
        ['A', 2],
        ['B', 1],
      ]),
    );
    expect(componentUnits(book, 'BOX')).toEqual(
      new Map([
        ['A', 4],
        ['B', 2],
        ['C', 1],
      ]),
    );
  });

  it.each([
    ['2×A + 1×B with A=4, B=1, two wanted', { A: 4, B: 1 }, 2, 1],
    ['enough of both', { A: 4, B: 2 }, 2, 2],
    ['more than wanted on hand', { A: 40, B: 20 }, 3, 3],
    ['one A short of a kit', { A: 1, B: 5 }, 2, 0],
    ['an odd count of A', { A: 5, B: 5 }, 5, 2],
    ['a component with none free', { A: 4 }, 2, 0],
    ['negative free stock counts as none', { A: -3, B: 2 }, 2, 0],
  ])('%s: %s whole kits', (_, free, wanted, kits) => {
    const available = free as Record<string, number>;
    expect(wholeKits(componentUnits(book, 'K'), (sku) => available[sku] ?? 0, wanted)).toBe(kits);
  });
});
