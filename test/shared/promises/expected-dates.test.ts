import type { InboundSupply } from '../../../shared/domain/inbound.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import { expectedDates, promiseKey, type SkuQueue } from '../../../shared/promises/expected-dates.js';
import { order, TENANT, WAREHOUSE } from '../../support/engine-fixtures.js';

const day = (n: number) => `2026-12-${String(n).padStart(2, '0')}T00:00:00.000Z`;

const supply = (
  inboundId: string,
  quantity: number,
  dueDay: number,
  extra: Partial<InboundSupply> = {},
): InboundSupply => ({
  tenantId: TENANT,
  inboundId,
  warehouseId: WAREHOUSE,
  sku: 'MUG',
  quantity,
  eta: day(dueDay),
  ...extra,
});

/** A waiting order short of `short` MUGs (of `short + held` ordered). */
const waiting = (orderId: string, short: number, held = 0, extra: Partial<SaleOrder> = {}) =>
  order(orderId, 'AwaitingStock', [['MUG', short + held, held]], extra);

const mugQueue = (...orders: SaleOrder[]): SkuQueue => ({ warehouseId: WAREHOUSE, sku: 'MUG', orders });

/** Each order's expected day (`null`: not covered), in queue order. */
const daysOf = (queues: SkuQueue[], open: InboundSupply[]) => {
  const dates = expectedDates(queues, open);
  return queues.flatMap((queue) =>
    queue.orders.map((each) => {
      const expectedBy = dates.get(promiseKey(queue.warehouseId, queue.sku, each.orderId))?.expectedBy;
      return [each.orderId, expectedBy ? Number(expectedBy.slice(8, 10)) : null];
    }),
  );
};

describe('expectedDates: a SKU queue served in order against supply in ETA order', () => {
  it.each<[string, SkuQueue[], InboundSupply[], Array<[string, number | null]>]>([
    [
      'the Done-when: A takes the day-3 supply, B needs the day-10 supply too',
      [mugQueue(waiting('A', 4), waiting('B', 4))],
      [supply('in-1', 5, 3), supply('in-2', 5, 10)],
      [
        ['A', 3],
        ['B', 10],
      ],
    ],
    [
      'after a receipt of 5 naming in-1: A is served, B holds 1, in-1 is closed',
      [mugQueue(waiting('B', 3, 1))],
      [supply('in-1', 5, 3, { received: 5 }), supply('in-2', 5, 10)],
      [['B', 10]],
    ],
    [
      'supply that arrives late is taken after earlier supply, whatever order it is listed in',
      [mugQueue(waiting('A', 2), waiting('B', 2), waiting('C', 2))],
      [supply('late', 4, 20), supply('early', 3, 5)],
      [
        ['A', 5],
        ['B', 20],
        ['C', 20],
      ],
    ],
    [
      'a partial receipt leaves only the rest of the line outstanding',
      [mugQueue(waiting('A', 4))],
      [supply('in-1', 5, 3, { received: 2 }), supply('in-2', 5, 10)],
      [['A', 10]],
    ],
    [
      'a cancellation ahead in the queue: the order behind takes its supply',
      [mugQueue(waiting('B', 4))],
      [supply('in-1', 5, 3), supply('in-2', 5, 10)],
      [['B', 3]],
    ],
    [
      'an order ahead that is no longer waiting (on hold) takes nothing',
      [mugQueue(waiting('A', 4, 0, { status: 'OnHold' }), waiting('B', 4))],
      [supply('in-1', 5, 3)],
      [
        ['A', null],
        ['B', 3],
      ],
    ],
    [
      'not covered: null, and so is every line behind it',
      [mugQueue(waiting('A', 8), waiting('B', 1))],
      [supply('in-1', 5, 3)],
      [
        ['A', null],
        ['B', null],
      ],
    ],
    [
      'a line set to 0 is closed and promises nothing',
      [mugQueue(waiting('A', 1))],
      [supply('in-1', 0, 3), supply('in-2', 1, 7)],
      [['A', 7]],
    ],
    [
      'several warehouses: each queue takes only its own warehouse’s supply',
      [
        mugQueue(waiting('A', 3)),
        { warehouseId: 'east', sku: 'MUG', orders: [waiting('E', 3, 0, { warehouseId: 'east' })] },
      ],
      [supply('main-1', 3, 9), supply('east-1', 3, 2, { warehouseId: 'east' })],
      [
        ['A', 9],
        ['E', 2],
      ],
    ],
    [
      'supply of another SKU never covers the queue',
      [mugQueue(waiting('A', 1))],
      [supply('cup-1', 9, 1, { sku: 'CUP' })],
      [['A', null]],
    ],
    [
      'two lines of one SKU on one order are covered together',
      [
        mugQueue(
          order('A', 'AwaitingStock', [
            ['MUG', 2, 0],
            ['MUG', 3, 1],
          ]),
          waiting('B', 1),
        ),
      ],
      [supply('in-1', 4, 3), supply('in-2', 1, 4)],
      [
        ['A', 3],
        ['B', 4],
      ],
    ],
  ])('%s', (_name, queues, open, expected) => {
    expect(daysOf(queues, open)).toEqual(expected);
  });

  it('records the units each line takes from each inbound line', () => {
    const dates = expectedDates(
      [mugQueue(waiting('A', 4), waiting('B', 4))],
      [supply('in-1', 5, 3), supply('in-2', 5, 10)],
    );
    expect(dates.get(promiseKey(WAREHOUSE, 'MUG', 'B'))).toEqual({
      expectedBy: day(10),
      taken: [
        { inboundId: 'in-1', units: 1 },
        { inboundId: 'in-2', units: 3 },
      ],
    });
  });
});
