/**
 * The demo's scripted day at the demo tenant's warehouse, over the HTTP API only: stock arrives,
 * Shopify and WooCommerce orders come in short, one is resent, one is split by an operator, one
 * is cancelled and its stock flows on to waiting orders, one SKU is set to manual review and its
 * order allocated by hand, and the sweep runs. Each answer and each decision is checked.
 */
import type { TenantWithCredentials } from '../../../shared/use-cases/tenants/ensure-tenant.js';
import { type Cast, castOf } from './cast.js';
import { ServiceClient } from './http-client.js';
import { expectedNotifications, waitForNotifications } from './notification-checks.js';
import type { OutboxNotification } from './outbox-reader.js';
import { shopifyOrder, wooCommerceOrder } from './payloads.js';
import { Printer, type Write } from './printer.js';
import { StepRunner } from './step-runner.js';

export { DemoFailure } from './step-runner.js';

export interface DemoOptions {
  readonly baseUrl: string;
  /** The demo tenant with the credentials the service knows it by. */
  readonly tenant: TenantWithCredentials;
  /** The runtime's outbox folder; without it the notifications are neither shown nor checked. */
  readonly outboxDir?: string;
  readonly write?: Write;
  /** Run number (ids and SKUs derive from it); default now. */
  readonly run?: number;
  /**
   * How long a warm function may reuse policies it read before the demo's policy change (the
   * repository's cache: 30 s, the default). 0 is safe only where no function has read the
   * tenant's policies yet, such as a runtime that has just started.
   */
  readonly policyReuseMs?: number;
}

export interface DemoReport {
  readonly steps: number;
  readonly cast: Cast;
  readonly notifications: readonly OutboxNotification[];
}

/** How long a warm function may go on using a tenant's policies it read before (the repository's cache). */
const POLICY_REUSE_MS = 30_000;

/**
 * Waits until a policy change made at `setAt` is in force everywhere: a function that read the
 * policies just before the change may reuse them for up to `reuseMs`.
 */
async function policyInForce(setAt: number, reuseMs: number, printer: Printer): Promise<void> {
  const wait = reuseMs <= 0 ? 0 : setAt + reuseMs + 1_000 - Date.now();
  if (wait <= 0) return;
  const reuse = Math.round(reuseMs / 1000);
  printer.note(
    `(waiting ${Math.ceil(wait / 1000)} s: warm functions reuse policies for ${reuse} s after a change)`,
  );
  await new Promise((resolve) => setTimeout(resolve, wait));
}

const accepted = (orderId: string) => ({ status: 200, body: { status: 'accepted', orderId } });

/** Plays the day; resolves with what it saw, or rejects with a DemoFailure at the first surprise. */
export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const printer = new Printer(options.write ?? ((line) => process.stdout.write(`${line}\n`)));
  const client = new ServiceClient(options.baseUrl, options.tenant);
  const cast = castOf(options.run, options.tenant.defaultWarehouseId ?? 'main');
  const { skus, orders, orderIds: ids, warehouseId } = cast;
  const day = new StepRunner(client, printer);
  const receipt = (sku: string, quantity: number) =>
    client.api('POST', '/stock/receipts', {
      receiptId: cast.receiptId(day.steps),
      warehouseId,
      lines: [{ sku, quantity }],
    });
  printer.heading([
    `A day at warehouse ${warehouseId} of tenant ${options.tenant.tenantId}, against ${options.baseUrl}`,
    `Run ${cast.tag}: SKUs ${Object.values(skus).join(', ')} (new each run, so every run starts its own day)`,
  ]);

  day.step(`Morning setup: the operator puts ${skus.lamp} under manual review (no automatic allocation)`);
  await day.send(client.api('PUT', `/policies/skus/${skus.lamp}`, { autoAllocate: false }), { status: 200 });
  const policySetAt = Date.now();

  day.step(`Receipt: 3 × ${skus.mug} arrive at ${warehouseId}`);
  await day.send(receipt(skus.mug, 3), { status: 200, body: { status: 'applied' } });
  await day.stock(skus.mug, { onHand: 3, allocated: 0 });

  day.step(`Shopify orders/create #1001 from Alice: 1 × ${skus.mug}, 2 × ${skus.tee} (none in stock)`);
  const aliceWebhookId = `demo-${cast.tag}-alice-create`;
  await day.send(
    client.shopify('orders/create', shopifyOrder(orders.alice), aliceWebhookId),
    accepted(ids.alice),
  );
  const alice = await day.order(ids.alice, {
    status: 'AwaitingStock',
    allocated: { [skus.mug]: 1, [skus.tee]: 0 },
  });

  day.step('Shopify retries the same delivery (same X-Shopify-Webhook-Id)');
  await day.send(client.shopify('orders/create', shopifyOrder(orders.alice), aliceWebhookId), {
    status: 200,
    body: { status: 'duplicate', orderId: ids.alice },
  });
  const unchanged = await day.order(ids.alice, { status: 'AwaitingStock' });
  day.check(unchanged.order.version === alice.order.version, `a repeated webhook changed ${ids.alice}`);
  printer.note(
    `unchanged: still version ${unchanged.order.version}, history entries: ${unchanged.history.length}`,
  );

  day.step(`WooCommerce order.created #${orders.bob.id} from Bob: 4 × ${skus.mug} and gift wrap (no SKU)`);
  await day.send(client.wooCommerce('order.created', wooCommerceOrder(orders.bob)), accepted(ids.bob));
  await day.order(ids.bob, { status: 'AwaitingStock', allocated: { [skus.mug]: 2 } });

  day.step(`Shopify orders/create #1003 from Carol: 1 × ${skus.tee} and a gift card`);
  await day.send(
    client.shopify('orders/create', shopifyOrder(orders.carol), `demo-${cast.tag}-carol-create`),
    accepted(ids.carol),
  );
  await day.order(ids.carol, { status: 'AwaitingStock', allocated: { [skus.tee]: 0 } });

  day.step(`Operator splits Bob's order: ship the 2 mugs it holds now, the rest on a backorder`);
  await day.send(
    client.api('POST', `/orders/${ids.bob}/split`, { reason: 'Bob asked for what is in stock now' }),
    { status: 200, body: { status: 'applied' } },
  );
  await day.order(ids.bob, { status: 'ReadyToPick', allocated: { [skus.mug]: 2 }, family: true });
  const backorder = await day.order(ids.bobBackorder, { status: 'AwaitingStock', family: true });
  day.check(backorder.family.parent?.orderId === ids.bob, `${ids.bobBackorder} does not name its parent`);

  day.step(`Receipt: 2 × ${skus.tee} arrive; waiting orders are served first come, first served`);
  await day.send(receipt(skus.tee, 2), { status: 200, body: { status: 'applied' } });
  await day.order(ids.alice, { status: 'ReadyToPick', allocated: { [skus.mug]: 1, [skus.tee]: 2 } });
  await day.order(ids.carol, { status: 'AwaitingStock', allocated: { [skus.tee]: 0 } });

  day.step('Alice cancels in Shopify (orders/cancelled): her stock goes on to the orders still waiting');
  const cancelled = shopifyOrder(orders.alice, new Date());
  await day.send(
    client.shopify('orders/cancelled', cancelled, `demo-${cast.tag}-alice-cancel`),
    accepted(ids.alice),
  );
  await day.order(ids.alice, { status: 'Cancelled', allocated: { [skus.mug]: 0, [skus.tee]: 0 } });
  await day.order(ids.carol, { status: 'ReadyToPick', allocated: { [skus.tee]: 1 } });
  await day.order(ids.bobBackorder, { status: 'AwaitingStock', allocated: { [skus.mug]: 1 } });

  day.step(`WooCommerce order.created #${orders.dan.id} from Dan: 1 × ${skus.lamp}`);
  await day.send(client.wooCommerce('order.created', wooCommerceOrder(orders.dan)), accepted(ids.dan));
  await day.order(ids.dan, { status: 'AwaitingStock', fillable: false });

  day.step(`Receipt: 1 × ${skus.lamp} arrives; Dan's order joins the manual-review queue`);
  await policyInForce(policySetAt, options.policyReuseMs ?? POLICY_REUSE_MS, printer);
  await day.send(receipt(skus.lamp, 1), { status: 200, body: { status: 'applied' } });
  const dan = await day.order(ids.dan, {
    status: 'AwaitingStock',
    fillable: true,
    allocated: { [skus.lamp]: 0 },
  });
  const queue = await day.send(client.api('GET', `/orders?fillable=true&sku=${skus.lamp}`), { status: 200 });
  const queued = (queue.body as { orders: { orderId: string }[] }).orders.map((order) => order.orderId);
  day.check(
    queued.includes(ids.dan),
    `the manual-review queue does not list ${ids.dan}: ${queued.join(', ')}`,
  );

  day.step("Operator allocates the lamp to Dan's order by hand");
  const lampLine = dan.order.lines.find((line) => line.sku === skus.lamp)?.lineId ?? '';
  await day.send(
    client.api(
      'POST',
      `/orders/${ids.dan}/allocate`,
      { lines: [{ lineId: lampLine, quantity: 1 }], reason: 'Checked the lamp on the shelf' },
      `allocate-lamp-${ids.dan}`,
    ),
    { status: 200, body: { status: 'applied' } },
  );
  await day.order(ids.dan, { status: 'ReadyToPick', allocated: { [skus.lamp]: 1 } });

  day.step('The sweep runs (as the schedule would)');
  const sweep = await day.send(client.sweep(), { status: 200 });
  day.check((sweep.body as { errors?: number }).errors === 0, 'the sweep reported errors');

  day.step('End of day: the Awaiting Stock view and the stock of the day');
  const waiting = await day.send(client.api('GET', `/orders?status=AwaitingStock&sku=${skus.mug}`), {
    status: 200,
  });
  const stillWaiting = (waiting.body as { orders: { orderId: string }[] }).orders.map(
    (order) => order.orderId,
  );
  day.check(
    stillWaiting.join() === ids.bobBackorder,
    `expected only ${ids.bobBackorder} waiting for ${skus.mug}`,
  );
  printer.note(`awaiting stock (${skus.mug}): ${stillWaiting.join(', ')}`);
  await day.stock(skus.mug, { onHand: 3, allocated: 3 });
  await day.stock(skus.tee, { onHand: 2, allocated: 1 });
  await day.stock(skus.lamp, { onHand: 1, allocated: 1 });

  let notifications: readonly OutboxNotification[] = [];
  if (options.outboxDir) {
    notifications = await waitForNotifications(options.outboxDir, cast, expectedNotifications(cast));
    printer.notifications(options.outboxDir, notifications);
  } else printer.note('(no outbox folder given: notifications not shown)');
  return { steps: day.steps, cast, notifications };
}
