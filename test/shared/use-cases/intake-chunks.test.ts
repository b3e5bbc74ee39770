import { chunkByItems } from '../../../shared/use-cases/intake-chunks.js';
import { incoming } from '../../support/engine-fixtures.js';

const skuOf = (orderId: string, sku: string) => incoming(orderId, [[sku, 1]]);
const itemsOf = (chunk: ReturnType<typeof skuOf>[]) =>
  chunk.length + new Set(chunk.flatMap((order) => order.lines.map((line) => line.sku))).size;

describe('chunkByItems', () => {
  it('packs 100 orders on 10 SKUs as 9 SKUs and 1, so each level is written once', () => {
    const orders = Array.from({ length: 100 }, (_, index) => skuOf(`o-${index}`, `S${index % 10}`));

    const chunks = chunkByItems(orders, (order) => order, 100);

    expect(chunks.map((chunk) => chunk.length)).toEqual([90, 10]);
    expect(chunks.map(itemsOf)).toEqual([99, 11]);
    expect(new Set(chunks[1]?.map((order) => order.lines[0]?.sku))).toEqual(new Set(['S9']));
  });

  it('keeps the order of orders that share a level, cutting a group too large for one chunk', () => {
    const orders = Array.from({ length: 150 }, (_, index) => skuOf(`h-${index}`, 'HOT'));

    const chunks = chunkByItems(orders, (order) => order, 100);

    expect(chunks.map((chunk) => chunk.length)).toEqual([99, 51]);
    expect(chunks.flat()).toEqual(orders);
  });

  it('joins orders through any shared SKU, and keeps each chunk in the order given', () => {
    const orders = [
      incoming('a', [
        ['X', 1],
        ['Y', 1],
      ]),
      skuOf('b', 'Z'),
      skuOf('c', 'Y'),
    ];

    const chunks = chunkByItems(orders, (order) => order, 4);

    // a and c share Y (4 items with a's X), so b (2 items) goes to a chunk of its own.
    expect(chunks.map((chunk) => chunk.map((order) => order.orderId))).toEqual([['a', 'c'], ['b']]);
  });
});
