import fc from 'fast-check';
import { buildNotification } from '../../../shared/notifications/build-notification.js';
import type { NotifiableEvent } from '../../../shared/notifications/notifiable-events.js';
import {
  awaitingStock,
  backorder,
  backorderFulfilled,
  backorderOverdue,
  changeRefused,
  INBOUND,
  order,
  orderSplit,
} from './notification-fixtures.js';

/**
 * Ids wrapped in `<<` `>>`, which no wording uses: a `<<` without its `>>` in a text would be an id
 * cut in half.
 */
const id = (maxLength: number) =>
  fc
    .string({ minLength: 1, maxLength, unit: fc.constantFrom(...'abcXYZ0189-_.~#/') })
    .map((body) => `<<${body}>>`);

/** Any name at all, but for the id markers, which would make a whole id look cut. */
const anyName = fc
  .oneof(
    fc.string({ maxLength: 400, unit: 'grapheme' }),
    fc.string({ maxLength: 400, unit: 'binary' }),
    fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 12 }).map((words) => words.join(' ')),
  )
  .map((name) => name.replace(/[<>]/g, ''));

const scenario = fc.record({
  channelOrderId: fc.oneof(id(210), fc.constant('')),
  orderId: id(260),
  backorderId: id(270),
  name: fc.option(anyName, { nil: undefined }),
  skus: fc.array(fc.tuple(id(200), fc.integer({ min: 1, max: 1_000_000_000 })), {
    minLength: 1,
    maxLength: 25,
  }),
  kind: fc.constantFrom(
    'Order Awaiting Stock',
    'Order Split',
    'Backorder Fulfilled',
    'Order Change Refused',
    'Backorder Overdue',
  ),
  days: fc.integer({ min: 0, max: 100_000 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const notificationOf = (s: Scenario) => {
  const lines = s.skus.map(([sku, quantity], index) => ({
    lineId: String(index),
    sku,
    quantity,
    allocated: 0,
  }));
  const ids = { orderId: s.orderId, channelOrderId: s.channelOrderId };
  const base = order({ ...ids, customer: s.name === undefined ? {} : { name: s.name }, lines });
  const event: NotifiableEvent =
    s.kind === 'Order Awaiting Stock'
      ? awaitingStock({
          ...ids,
          lines,
          missing: lines.map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity })),
        })
      : s.kind === 'Order Split'
        ? orderSplit({ ...ids, backorderId: s.backorderId, shipping: lines, backordered: lines })
        : s.kind === 'Order Change Refused'
          ? changeRefused({
              ...ids,
              lines: lines.map(({ lineId, sku, quantity }) => ({ lineId, sku, before: quantity, after: 0 })),
            })
          : s.kind === 'Backorder Overdue'
            ? backorderOverdue({
                ...ids,
                daysWaiting: s.days,
                escalateAfterDays: Math.max(1, s.days),
                missing: lines.map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity })),
              })
            : backorderFulfilled({ ...ids, parentId: s.backorderId, lines });
  const loaded =
    s.kind === 'Backorder Fulfilled' ? { ...backorder(), ...base, parentId: s.backorderId } : base;
  return buildNotification(
    event,
    loaded,
    INBOUND.map((each) => ({ ...each, sku: s.skus[0]?.[0] ?? each.sku })),
  );
};

const idsAreWhole = (text: string) => {
  const opened = text.split('<<').length - 1;
  const closed = text.split('>>').length - 1;
  return opened === closed && [...text.matchAll(/<<(.*?)>>/g)].every((match) => !match[1]?.includes('<<'));
};

it('keeps every SMS under 160 characters and every id in it whole', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { sms } = notificationOf(s).message;
      expect(sms.length).toBeLessThan(160);
      expect(idsAreWhole(sms)).toBe(true);
      expect(sms).not.toMatch(/[\r\n]/);
    }),
    { numRuns: 300 },
  );
});

it('keeps every subject one line of printable ASCII under 100 characters', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { subject } = notificationOf(s);
      expect(subject.length).toBeLessThan(100);
      expect(subject).toMatch(/^Order[\x20-\x7e]*$/);
      expect(idsAreWhole(subject)).toBe(true);
    }),
    { numRuns: 300 },
  );
});

it('says at least which order when the ids are short enough to fit', () => {
  fc.assert(
    fc.property(scenario, (s) => {
      fc.pre(s.channelOrderId.length > 0 && s.channelOrderId.length <= 40);
      expect(notificationOf(s).message.sms).toContain(`Order ${s.channelOrderId}`);
    }),
    { numRuns: 100 },
  );
});
