import { decodeEntry, encodeEntry } from '../../../../shared/adapters/dynamodb/entry-codec.js';
import { historyOf, storedEntryOf } from '../../../../shared/adapters/dynamodb/history-records.js';
import type { HistoryEntry } from '../../../../shared/domain/history.js';
import type { OutgoingEvent } from '../../../../shared/events/outgoing-events.js';
import { resolvePolicy } from '../../../../shared/policy/resolve-policy.js';

const ENTRY: HistoryEntry = {
  tenantId: 't1',
  orderId: 'shopify-1001',
  version: 1,
  at: '2026-11-28T10:00:00.000Z',
  actions: ['received', 'allocated'],
  reasons: ['Received from shopify as 1001.', 'Every line was available: ready to pick.'],
  actor: { kind: 'channel', id: 'shopify' },
  triggerEventId: 'evt-1',
  statusBefore: null,
  statusAfter: 'ReadyToPick',
  linesBefore: [],
  linesAfter: [{ lineId: '1', sku: 'MUG-1', quantity: 2, allocated: 2 }],
};

const EVENTS: OutgoingEvent[] = [
  {
    detailType: 'Order Allocated',
    detail: {
      schemaVersion: 1,
      tenantId: 't1',
      eventId: 'evt-1:shopify-1001:allocated',
      causationId: 'evt-1',
      occurredAt: '2026-11-28T10:00:00.000Z',
      orderId: 'shopify-1001',
      channel: 'shopify',
      channelOrderId: '1001',
      warehouseId: 'main',
      lines: [{ lineId: '1', sku: 'MUG-1', quantity: 2, allocated: 2 }],
    },
  },
];

/** `ENTRY` and `EVENTS` as format 1 stored them: stored entries must stay readable as they are. */
const STORED_IN_FORMAT_1 =
  'AUNxmKGhrpFFiCFtHGZoYGBIouMwCjMSCyVDeLmBWi5RuSzxDXVHK0tQiwWj2tha6tW+JYYY9a8hLAPpggLZCrniwax0DbHWutijHrnpg7AARw2MUedC1ZJe7xIToLWxsQA=';

const keyOf = (entry: HistoryEntry) => ({
  tenantId: entry.tenantId,
  orderId: entry.orderId,
  version: entry.version,
});

it('reads entries stored in format 1', () => {
  expect(decodeEntry(Buffer.from(STORED_IN_FORMAT_1, 'base64'), keyOf(ENTRY))).toEqual({
    entry: ENTRY,
    events: EVENTS,
  });
});

it('gives back an entry with its policy and events exactly, in a fraction of their plain size', () => {
  const entry = {
    ...ENTRY,
    policy: resolvePolicy({ tenant: { onShortage: 'split' } }, { channel: 'shopify' }),
  };
  const stored = encodeEntry(entry, EVENTS);
  expect(decodeEntry(stored, keyOf(entry))).toEqual({ entry, events: EVENTS });
  expect(decodeEntry(encodeEntry(entry, []), keyOf(entry))).toEqual({ entry, events: [] });
  expect(stored.length).toBeLessThan(JSON.stringify([entry, EVENTS]).length / 4);
});

it('refuses a format it does not know rather than misread it', () => {
  const stored = Buffer.from(encodeEntry(ENTRY, EVENTS));
  stored[0] = 2;
  expect(() => decodeEntry(stored, keyOf(ENTRY))).toThrow('unknown format 2');
});

it('still reads history items written with the entry as plain attributes, in key order', () => {
  const plain = (entry: HistoryEntry, events: OutgoingEvent[] = []) => ({
    pk: 'T#t1#ORDER#shopify-1001',
    sk: `HISTORY#${entry.orderId}#${String(entry.version).padStart(10, '0')}`,
    entity: 'history',
    ...entry,
    ...(events.length > 0 ? { events, outboxSlot: `v${entry.version}`, publishedAt: entry.at } : {}),
  });
  const second = { ...ENTRY, version: 2, actions: ['held' as const], reasons: ['Held.'] };
  const backorder = { ...ENTRY, orderId: 'shopify-1001-BO1' };

  expect(storedEntryOf(plain(ENTRY, EVENTS))).toEqual({ entry: ENTRY, events: EVENTS });
  expect(historyOf([plain(backorder), plain(second), plain(ENTRY)])).toEqual([ENTRY, second, backorder]);
});
