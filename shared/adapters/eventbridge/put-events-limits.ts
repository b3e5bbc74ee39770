/**
 * PutEvents' limits: at most ten entries a call, and at most 256 KB of entries in all, an entry's
 * size counted as EventBridge documents it ("Calculating PutEvents event entry size"): `Time` 14
 * bytes if present, then the UTF-8 bytes of `Source`, `DetailType`, `Detail` and each resource.
 * Plain shapes, no SDK import: the publisher and the local endpoint count alike.
 */
export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

export interface SizedEntry {
  Time?: unknown;
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  Resources?: unknown;
}

const utf8 = (value: unknown): number => (typeof value === 'string' ? Buffer.byteLength(value) : 0);

export const putEventsEntrySize = (entry: SizedEntry): number =>
  (entry.Time !== undefined && entry.Time !== null ? 14 : 0) +
  utf8(entry.Source) +
  utf8(entry.DetailType) +
  utf8(entry.Detail) +
  (Array.isArray(entry.Resources) ? entry.Resources.reduce((sum: number, each) => sum + utf8(each), 0) : 0);
