import {
  allArrivedBy,
  expectedArrivals,
  unitsBySku,
} from '../../../shared/notifications/expected-arrival.js';
import { INBOUND, supply } from './notification-fixtures.js';

describe('the expected arrival of missing units', () => {
  it('is the earliest ETA by which the warehouse’s supply adds up to them', () => {
    const needs = new Map([
      ['MUG-BLUE', 1],
      ['MUG-BLUE-2', 1],
    ]);
    expect(expectedArrivals(new Map([['MUG-BLUE', 1]]), INBOUND, 'main')).toEqual([
      { sku: 'MUG-BLUE', units: 1, date: '2026-12-01' },
    ]);
    expect(expectedArrivals(new Map([['MUG-BLUE', 6]]), INBOUND, 'main')).toEqual([
      { sku: 'MUG-BLUE', units: 6, date: '2026-12-03' },
    ]);
    expect(expectedArrivals(needs, INBOUND, 'north')).toEqual([
      { sku: 'MUG-BLUE', units: 1, date: '2026-11-30' },
      { sku: 'MUG-BLUE-2', units: 1 },
    ]);
  });

  it('is unknown while all the supply there is does not cover them', () => {
    expect(expectedArrivals(new Map([['MUG-BLUE', 7]]), INBOUND, 'main')).toEqual([
      { sku: 'MUG-BLUE', units: 7 },
    ]);
  });

  it('is the calendar day the ETA states, not that day in UTC', () => {
    const late = [supply('A', 1, '2026-12-03T23:30:00-05:00')];
    expect(expectedArrivals(new Map([['A', 1]]), late, 'main')).toEqual([
      { sku: 'A', units: 1, date: '2026-12-03' },
    ]);
  });

  it('orders supply by the instant it arrives, whatever offset its ETA is written in', () => {
    const inbound = [supply('A', 1, '2026-12-04T01:00:00+09:00'), supply('A', 1, '2026-12-03T20:00:00Z')];
    // 2026-12-04T01:00+09:00 is 2026-12-03T16:00Z, so it comes first.
    expect(expectedArrivals(new Map([['A', 1]]), inbound, 'main')[0]?.date).toBe('2026-12-04');
  });

  it('ignores supply whose ETA cannot be read', () => {
    const inbound = [supply('A', 1, 'soon'), supply('A', 1, '2026-12-09')];
    expect(expectedArrivals(new Map([['A', 1]]), inbound, 'main')[0]?.date).toBe('2026-12-09');
  });
});

describe('units by SKU', () => {
  it('adds up lines of one SKU and leaves out lines without SKU or need', () => {
    const needs = unitsBySku([
      { sku: 'A', units: 1 },
      { sku: null, units: 3 },
      { sku: 'B', units: 0 },
      { sku: 'A', units: 2 },
    ]);
    expect([...needs]).toEqual([['A', 3]]);
  });
});

describe('when all of it is there', () => {
  it('is the latest date, and unknown while any SKU has none', () => {
    expect(
      allArrivedBy([
        { sku: 'A', units: 1, date: '2026-12-05' },
        { sku: 'B', units: 1, date: '2026-12-02' },
      ]),
    ).toBe('2026-12-05');
    expect(
      allArrivedBy([
        { sku: 'A', units: 1, date: '2026-12-05' },
        { sku: 'B', units: 1 },
      ]),
    ).toBeUndefined();
    expect(allArrivedBy([])).toBeUndefined();
  });
});
