import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeHandler as makeSweep } from '../../../functions/sweep/index.js';
import { stockUpdate } from '../../../shared/adapters/dynamodb/stock-updates.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import type { SweepReport } from '../../../shared/use-cases/run-sweep.js';
import { captureOutput } from '../../support/captured-output.js';
import { incoming } from '../../support/engine-fixtures.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { webhookTenant } from '../../support/webhook-requests.js';
import { wireHarness } from '../../support/wired-harness.js';

/**
 * DESIGN §11 liveness at volume: the sweep function takes each of its listings page by page
 * (200 entries a page) while its run has time, so that when more than a page comes due between
 * two runs, as at a few orders a second, the listings do not grow run after run, leaving what is
 * newest (a lost `Order Received`, a split delay that passed) behind ever more of what is older.
 */
const PAGE = 200;
const MORE_THAN_A_PAGE = PAGE + 60;

let harness: RepositoryHarness;
let now = Date.parse('2026-03-02T09:00:00.000Z');
let wiring: ReturnType<typeof wireHarness>;
let sweep: ReturnType<typeof makeSweep>;
const tenant = webhookTenant('pages');

beforeAll(async () => {
  harness = await createRepositoryHarness('sweep-pages');
  wiring = wireHarness(harness, {
    publisher: new InMemoryPublisher(),
    clock: () => new Date(now).toISOString(),
  });
  await wiring.directory.saveTenant(tenant);
  sweep = makeSweep(() => wiring);
}, 60_000);
afterAll(() => harness.drop());

const runSweep = async (): Promise<SweepReport> =>
  (await captureOutput(() => sweep({}, lambdaContext('sweep')))).result as SweepReport;

const listed = async (entity: string) =>
  (await harness.readAll()).items.filter((item) => item.entity === entity && item.timerPk !== undefined);

it('takes every decided intake off its listing in one run, more than a page of them', async () => {
  const orders = Array.from({ length: MORE_THAN_A_PAGE }, (_, index) =>
    incoming(`in-${String(index).padStart(3, '0')}`, [['P-1', 1]], { createdAt: '2026-03-02T08:00:00.000Z' }),
  );
  for (const input of orders) {
    const event = {
      detailType: 'Order Received',
      detail: {
        schemaVersion: '1.0',
        tenantId: tenant.tenantId,
        eventId: `evt-${input.orderId}`,
        occurredAt: new Date(now).toISOString(),
        orderId: input.orderId,
        order: input,
      },
    };
    expect(await wiring.webhooks.inbox.accept(tenant.tenantId, input.orderId, event)).toBe('accepted');
  }
  await receiveOrders(
    wiring.allocation,
    tenant.tenantId,
    orders.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
  );
  expect(await listed('inbox')).toHaveLength(MORE_THAN_A_PAGE);

  now += 46 * 60_000;
  expect(await runSweep()).toMatchObject({ intakeUndecided: 0, errors: 0 });
  expect((await listed('inbox')).map((item) => item.sk)).toEqual([]);
}, 120_000);

it('serves and settles every listed stock level in one run, more than a page of them', async () => {
  // One order waiting on each level: every page's levels are served, not only the first's.
  const waiting = Array.from({ length: MORE_THAN_A_PAGE }, (_, index) =>
    incoming(`w-${String(index).padStart(3, '0')}`, [[`FREE-${index}`, 1]], {
      createdAt: '2026-03-02T08:00:00.000Z',
    }),
  );
  await receiveOrders(
    wiring.allocation,
    tenant.tenantId,
    waiting.map((input) => ({ input, eventId: `evt-${input.orderId}` })),
  );
  const freedAt = new Date(now - 60_000).toISOString();
  for (let index = 0; index < MORE_THAN_A_PAGE; index++) {
    const { Update } = stockUpdate(
      harness.tables.tableName,
      tenant.tenantId,
      { warehouseId: 'main', sku: `FREE-${index}`, onHand: 1, allocated: 0 },
      freedAt,
    );
    await harness.tables.client.send(new UpdateCommand(Update as NonNullable<typeof Update>));
  }
  expect(await listed('stock')).toHaveLength(MORE_THAN_A_PAGE);

  expect(await runSweep()).toMatchObject({ ordersServed: MORE_THAN_A_PAGE, errors: 0 });
  expect((await listed('stock')).map((item) => item.pk)).toEqual([]);
  const { orders } = await harness.readAll();
  const served = orders.filter((order) => order.orderId.startsWith('w-') && order.status === 'ReadyToPick');
  expect(served).toHaveLength(MORE_THAN_A_PAGE);
}, 120_000);
