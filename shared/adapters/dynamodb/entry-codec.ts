import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { HistoryEntry } from '../../domain/history.js';
import type { PublishableEvent } from '../../ports/event-publisher.js';

/**
 * How a history entry and the events its decision caused are stored: one binary attribute holding
 * a format byte and the deflated JSON of `[entry, events]`. The entry's tenant, order and version
 * are left out: the item holding it carries them already.
 *
 * Write capacity is billed per started kilobyte, and an entry with its events is about one
 * kilobyte as plain attributes, mostly the same few names and words over and over. A preset
 * dictionary of those (zlib's `dictionary`) brings the usual entry to a fifth of that, so that an
 * order item holding its latest entry and its events still fits in one kilobyte.
 */
export interface StoredEntry {
  entry: HistoryEntry;
  events: PublishableEvent[];
}

/** The first byte of every stored entry: which dictionary it was deflated with. */
const FORMAT_V1 = 1;

/**
 * Never edit: every entry written in format 1 is inflated with exactly these bytes. A better
 * dictionary is a new format byte, with this one kept for reading. Deflate finds matches nearer
 * the end of a dictionary more cheaply, so the most common text comes last.
 */
const DICTIONARY_V1 = Buffer.from(
  [
    'Only of units are available, below the minimum fill of : not split.',
    'The missing stock is due by within the split delay of days: waiting instead of splitting.',
    'Split: units ship now, the rest waits on a backorder. Backorder takes the missing units.',
    'Created by splitting : waits for the missing units. Stock taken back by ; waiting again.',
    'Short of : holding what is available and waiting for the rest.',
    'Short of : holding everything until all of it is available.',
    'Short of : refused by the reject policy. dropped the missing units and ships the rest.',
    'Fully allocated from Partly allocated from stock received.',
    '"reason":"changes":[{"before":0,"after":1}],"backorderId":"shipping":"backordered":"parentId":"missing":[{"lineId":"1","sku":"quantity":1}]',
    '"detailType":"Order Split","Backorder Fulfilled","Order Rejected","Allocation Changed","Order Awaiting Stock",',
    '[{"detailType":"Order Allocated","detail":{"schemaVersion":1,"tenantId":"',
    '","eventId":"evt-:allocated:awaiting-stock:fulfilled","causationId":"evt-","occurredAt":"2026-01-01T00:00:00.000Z","orderId":"',
    '","channel":"shopify","woocommerce","channelOrderId":"","warehouseId":"main","lines":[{"lineId":"1","sku":"SKU-1","quantity":1,"allocated":1}]}}]]',
    '"actions":["received","allocated","awaitingStock","split","createdBySplit","allocationTakenBack","released","held","cancelled","dispatched"]',
    '"actor":{"kind":"system","id":"allocator"},"person","warehouse",{"kind":"channel","id":"shopify"},"triggerEventId":"evt-',
    '"statusBefore":null,"AwaitingStock","InFulfilment","Dispatched","OnHold","Cancelled","Rejected","statusAfter":"ReadyToPick",',
    '"linesBefore":[],"linesAfter":[{"lineId":"1","sku":"SKU-1","quantity":1,"allocated":0},{"lineId":"2","sku":null,"quantity":2,"allocated":1}],',
    '"policy":{"values":{"onShortage":"reject","dropShort","holdAll","split","holdPartial","splitDelayDays":0,"autoAllocate":true,',
    '"reserveWhileWaiting":true,"priority":"shipBy","priorityThenFifo","fifo","splitSupported":true,"minimumFill":null,"autoCancelAfterDays":null},',
    '"sources":{"onShortage":"tenant","channel:shopify","sku:","order","default","splitDelayDays":"default","autoAllocate":"default",',
    '"reserveWhileWaiting":"default","priority":"default","splitSupported":"default","minimumFill":"default","autoCancelAfterDays":"default"}}},',
    '[{"at":"2026-01-01T00:00:00.000Z","actions":["received","allocated"],"reasons":["Received from shopify as ',
    '.","Every line was available: ready to pick."],',
  ].join(''),
);

export const encodeEntry = (entry: HistoryEntry, events: readonly PublishableEvent[]): Uint8Array => {
  const { tenantId: _tenantId, orderId: _orderId, version: _version, ...stored } = entry;
  const json = JSON.stringify(events.length > 0 ? [stored, events] : [stored]);
  return Buffer.concat([Buffer.of(FORMAT_V1), deflateRawSync(json, { dictionary: DICTIONARY_V1 })]);
};

export const decodeEntry = (
  bytes: Uint8Array,
  key: Pick<HistoryEntry, 'tenantId' | 'orderId' | 'version'>,
): StoredEntry => {
  if (bytes[0] !== FORMAT_V1)
    throw new Error(`History entry of ${key.orderId} has unknown format ${bytes[0]}`);
  const json = inflateRawSync(bytes.subarray(1), { dictionary: DICTIONARY_V1 }).toString();
  const [stored, events = []] = JSON.parse(json) as [
    Omit<HistoryEntry, keyof typeof key>,
    PublishableEvent[]?,
  ];
  return { entry: { ...key, ...stored }, events };
};
