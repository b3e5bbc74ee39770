/**
 * Who and what the demo day involves. Every id and SKU carries the run's tag, so the demo can run
 * again against the same service (or one holding other data): each run is a fresh day, not a
 * repeat that the service would rightly answer as duplicates.
 */
import type { DemoCustomer, DemoLine, DemoOrder } from './payloads.js';

export interface Cast {
  /** A short tag for this run, in SKUs and receipt ids. */
  readonly tag: string;
  readonly warehouseId: string;
  readonly skus: { readonly mug: string; readonly tee: string; readonly lamp: string };
  readonly orders: {
    readonly alice: DemoOrder;
    readonly bob: DemoOrder;
    readonly carol: DemoOrder;
    readonly dan: DemoOrder;
  };
  /** The order ids the service derives from the channels' ids (`<channel>-<id>`). */
  readonly orderIds: {
    readonly alice: string;
    readonly bob: string;
    readonly bobBackorder: string;
    readonly carol: string;
    readonly dan: string;
  };
  receiptId(step: number): string;
}

const customer = (id: string, firstName: string, lastName: string, city: string, phone: string | null) =>
  ({
    id,
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
    phone,
    city,
  }) satisfies DemoCustomer;

/**
 * The cast of run `run` (by default, now in milliseconds). Platform ids are numeric: the run
 * number with a suffix, so that they are unique per run and stay within JSON's safe integers.
 */
export function castOf(run: number = Date.now(), warehouseId = 'main'): Cast {
  const tag = run.toString(36).toUpperCase();
  const skus = { mug: `MUG-BLK-${tag}`, tee: `TEE-NAVY-M-${tag}`, lamp: `LAMP-BRASS-${tag}` };
  const id = (suffix: number) => `${run}${suffix}`;
  const line = (suffix: number, sku: string, title: string, quantity: number, price: string): DemoLine => ({
    id: id(suffix),
    sku,
    title,
    quantity,
    price,
  });
  // Placed a minute apart in the order of the day, just before the run: FIFO serves them so.
  const placed = (minutesAgo: number) => new Date(run - minutesAgo * 60_000);
  const orders = {
    alice: {
      id: id(1),
      number: 1001,
      createdAt: placed(4),
      customer: customer(id(81), 'Alice', 'Ng', 'New York', '+15550100001'),
      lines: [
        line(11, skus.mug, 'Enamel Mug - Black', 1, '14.00'),
        line(12, skus.tee, 'Logo Tee - Navy / M', 2, '25.00'),
      ],
    },
    bob: {
      id: id(2),
      number: 1002,
      createdAt: placed(3),
      customer: customer(id(82), 'Bob', 'Li', 'San Francisco', '+15550100002'),
      lines: [
        line(21, skus.mug, 'Enamel Mug - Black', 4, '14.00'),
        // Gift wrap has no SKU in the store, as the WooCommerce sample's first line has none.
        line(22, '', 'Gift wrap', 1, '3.00'),
      ],
    },
    carol: {
      id: id(3),
      number: 1003,
      createdAt: placed(2),
      customer: customer(id(83), 'Carol', 'Diaz', 'Chicago', null),
      lines: [
        line(31, skus.tee, 'Logo Tee - Navy / M', 1, '25.00'),
        { ...line(32, '', 'Gift Card $25', 1, '25.00'), giftCard: true },
      ],
    },
    dan: {
      id: id(4),
      number: 1004,
      createdAt: placed(1),
      customer: customer(id(84), 'Dan', 'Ho', 'Portland', '+15550100004'),
      lines: [line(41, skus.lamp, 'Brass Desk Lamp', 1, '89.00')],
    },
  };
  return {
    tag,
    warehouseId,
    skus,
    orders,
    orderIds: {
      alice: `shopify-${orders.alice.id}`,
      bob: `woocommerce-${orders.bob.id}`,
      bobBackorder: `woocommerce-${orders.bob.id}-BO1`,
      carol: `shopify-${orders.carol.id}`,
      dan: `woocommerce-${orders.dan.id}`,
    },
    receiptId: (step) => `RCV-${tag}-${step}`,
  };
}
