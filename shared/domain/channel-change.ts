/** A line as the channel lists it: its full current list replaces the order's lines. */
export interface ChannelLine {
  lineId: string;
  sku: string | null;
  quantity: number;
  title?: string;
  /** On a kit's component line, as intake expands it (DESIGN §14). */
  kitLineId?: string;
  kitSku?: string;
  perKit?: number;
}

/**
 * The channel's latest word on one of its orders after intake: an update (its full list of lines)
 * or a cancellation. The service keeps the newest one beside the order, so that a change that
 * arrives before its order, or after a newer one, is applied (or ignored) as the channel meant.
 */
export interface ChannelChange {
  /** The order as the service names it (`<channel>-<channel order id>`). */
  orderId: string;
  /** The channel's own version of the order (ISO UTC); absent when the channel sends none. */
  version?: string;
  cancelled: boolean;
  reason?: string;
  /** The channel's full current list of lines; a cancellation may carry none. */
  lines?: ChannelLine[];
  /** Counts the writes of the kept change, so that intake commits only against the one it read. */
  seq?: number;
}

/** Whether version `a` is older than `b`; a change without a version is never older. */
export const isOlderVersion = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a < b;

const sameLines = (a: readonly ChannelLine[] = [], b: readonly ChannelLine[] = []): boolean =>
  a.length === b.length &&
  a.every((line, index) => {
    const other = b[index];
    return other?.lineId === line.lineId && other.sku === line.sku && other.quantity === line.quantity;
  });

/** Same version and same content: a repeat of a change already kept, whatever its delivery id. */
export const isRepeatOf = (change: ChannelChange, kept: ChannelChange | undefined): boolean =>
  kept !== undefined &&
  change.version !== undefined &&
  change.version === kept.version &&
  change.cancelled === kept.cancelled &&
  (change.cancelled || sameLines(change.lines, kept.lines));

/**
 * The change to act on, given the one kept and one just arrived: the newer by version. Without
 * versions the one kept wins, since it was written last. At equal versions a cancellation wins
 * (Shopify sends orders/updated and orders/cancelled with the same `updated_at`).
 */
export const latestChange = (kept: ChannelChange | undefined, arrived: ChannelChange): ChannelChange => {
  if (!kept) return arrived;
  if (kept.version && arrived.version) {
    if (arrived.version > kept.version) return arrived;
    if (arrived.version === kept.version && arrived.cancelled && !kept.cancelled) return arrived;
  }
  return kept;
};

/** A stable fingerprint of a change, so that a refusal is recorded once however often it comes. */
export const changeFingerprint = (change: Pick<ChannelChange, 'cancelled' | 'lines'>): string =>
  change.cancelled
    ? 'cancel'
    : (change.lines ?? [])
        .map((line) => `${line.lineId}:${line.sku ?? ''}:${line.quantity}`)
        .sort()
        .join(',');
