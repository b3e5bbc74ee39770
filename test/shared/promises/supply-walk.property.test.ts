import fc from 'fast-check';
import { type InboundSupply, outstandingOf } from '../../../shared/domain/inbound.js';
import { promisesOf } from '../../../shared/promises/supply-walk.js';

const supplyArb = fc.array(
  fc.record({
    quantity: fc.integer({ min: 0, max: 20 }),
    received: fc.integer({ min: 0, max: 25 }),
    day: fc.integer({ min: 1, max: 28 }),
  }),
  { maxLength: 8 },
);
const queueArb = fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 20 });

const toSupply = (lines: Array<{ quantity: number; received: number; day: number }>): InboundSupply[] =>
  lines.map((line, index) => ({
    tenantId: 't',
    inboundId: `in-${index}`,
    warehouseId: 'main',
    sku: 'MUG',
    quantity: line.quantity,
    received: line.received,
    eta: `2026-12-${String(line.day).padStart(2, '0')}T00:00:00.000Z`,
  }));

describe('SupplyWalk (property)', () => {
  it('never promises a unit twice: no inbound line is promised beyond what it still has to come', () => {
    fc.assert(
      fc.property(supplyArb, queueArb, (lines, shorts) => {
        const supply = toSupply(lines);
        const promises = promisesOf(
          shorts.map((units, index) => ({ orderId: `o${index}`, units })),
          supply,
        );
        const promised = new Map<string, number>();
        for (const promise of promises.values()) {
          for (const taken of promise.taken)
            promised.set(taken.inboundId, (promised.get(taken.inboundId) ?? 0) + taken.units);
        }
        for (const each of supply)
          expect(promised.get(each.inboundId) ?? 0).toBeLessThanOrEqual(outstandingOf(each));
      }),
    );
  });

  it('a dated line is fully covered by what it took, its date is the latest ETA it took from, and dates never go back along the queue', () => {
    fc.assert(
      fc.property(supplyArb, queueArb, (lines, shorts) => {
        const supply = toSupply(lines);
        const etaOf = new Map(supply.map((each) => [each.inboundId, each.eta]));
        const queue = shorts.map((units, index) => ({ orderId: `o${index}`, units }));
        const promises = promisesOf(queue, supply);
        let previous = '';
        let uncovered = false;
        for (const line of queue) {
          const promise = promises.get(line.orderId);
          const took = promise?.taken.reduce((sum, each) => sum + each.units, 0) ?? 0;
          if (promise?.expectedBy) {
            expect(uncovered).toBe(false);
            expect(took).toBe(line.units);
            const latest = promise.taken
              .map((each) => etaOf.get(each.inboundId) ?? '')
              .sort()
              .at(-1);
            expect(promise.expectedBy).toBe(latest);
            expect(promise.expectedBy >= previous).toBe(true);
            previous = promise.expectedBy;
          } else {
            uncovered = true;
          }
        }
      }),
    );
  });
});
