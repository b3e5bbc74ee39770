/**
 * Repairs behind a backlog, through the deployed handlers: a downward adjustment on the warehouse
 * route taking stock back from 30 orders, with 1,000 and then 20,000 orders of other SKUs waiting;
 * and the scheduled sweep serving 50 SKUs whose freed stock nobody served, behind the 20,000.
 * DESIGN §8: what they read grows with the work, not with the backlog.
 */

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { stockUpdate } from '../../../shared/adapters/dynamodb/stock-updates.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { webhookTenant } from '../../support/webhook-requests.js';
import { deployedWiring } from '../deployed-wiring.js';
import { atMost, type Figure, measured, ratio, sameAs } from '../figures.js';
import { createBenchHarness, TENANT, WAREHOUSE } from '../harness.js';
import { channelOrder, skuNames } from '../orders.js';
import { seedWaitingOrders } from '../seed-waiting.js';
import { queueBatch } from './allocator-path.js';

const OTHER_SKUS = skuNames('OTHER', 100);
const HOLDERS = 30;
/** SKUs whose freed stock nobody served: the sweep repairs them. */
const FREED_LEVELS = 50;
/**
 * Units freed on each of them, and one-unit orders waiting for them: a restock as large as the
 * adjustment's 30 holders. Every order is served.
 */
const ORDERS_PER_RESTOCK = 30;

const waitingOthers = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) =>
    channelOrder(`other-${from + index + 1}`, [OTHER_SKUS[(from + index) % OTHER_SKUS.length] as string]),
  );

type Handler<E, R> = (event: E, context: ReturnType<typeof lambdaContext>) => Promise<R>;

export const backlogRepairs = async (): Promise<Figure[]> => {
  const harness = await createBenchHarness('backlog-repairs');
  const deployed = deployedWiring(harness);
  try {
    const wiring = () => deployed.wiring;
    const allocator = (await import('../../../functions/allocator/index.js')).makeHandler(wiring);
    const warehouse = (await import('../../../functions/warehouse-api/index.js')).makeHandler(
      wiring,
    ) as unknown as Handler<ReturnType<typeof httpEvent>, APIGatewayProxyResultV2>;
    const sweep = (await import('../../../functions/sweep/index.js')).makeHandler(
      wiring,
    ) as unknown as Handler<Record<string, never>, { ordersServed: number }>;
    await deployed.wiring.directory.saveTenant(webhookTenant(TENANT, { warehouses: [WAREHOUSE] }));

    /** 30 orders each holding one unit of `sku`, then the adjustment taking all 30 back: items read. */
    const adjustment = async (sku: string) => {
      await harness.addStock(sku, HOLDERS);
      const holders = Array.from({ length: HOLDERS }, (_, index) =>
        channelOrder(`${sku}-h${index + 1}`, [sku]),
      );
      const { batchItemFailures } = await allocator(queueBatch(holders), lambdaContext('allocator'));
      if (batchItemFailures.length > 0) throw new Error('holders were not allocated');
      await deployed.wiring.repository.loadPolicies(TENANT);
      await deployed.wiring.directory.getTenant(TENANT);
      harness.resetTally();
      const response = (await warehouse(
        httpEvent('POST', '/stock/adjustments', {
          tenantId: TENANT,
          body: JSON.stringify({
            adjustmentId: `adj-${sku}`,
            warehouseId: WAREHOUSE,
            lines: [{ sku, delta: -HOLDERS }],
          }),
          headers: { 'content-type': 'application/json' },
        }),
        lambdaContext('warehouse'),
      )) as { statusCode: number; body: string };
      const taken = (JSON.parse(response.body) as { orders?: unknown[] }).orders?.length ?? 0;
      if (response.statusCode !== 200 || taken !== HOLDERS)
        throw new Error(`adjustment answered ${response.statusCode} for ${taken} orders: ${response.body}`);
      return harness.tally.itemsRead;
    };

    await seedWaitingOrders(harness, waitingOthers(0, 1_000));
    const items1k = await adjustment('ADJ-1');
    await seedWaitingOrders(harness, waitingOthers(1_000, 20_000));
    const items20k = await adjustment('ADJ-2');

    /**
     * Freed stock whose serving was lost on 50 SKUs, `perLevel` units each with as many one-unit
     * orders waiting: listed for the sweep (as every write that frees stock lists its level). The
     * sweep's run: orders it served and items it read.
     */
    const sweepRepairs = async (prefix: string, perLevel: number) => {
      const skus = skuNames(prefix, FREED_LEVELS);
      await seedWaitingOrders(
        harness,
        skus.flatMap((sku) =>
          Array.from({ length: perLevel }, (_, index) => channelOrder(`${sku}-w${index + 1}`, [sku])),
        ),
      );
      const freedAt = new Date(Date.now() - 60_000).toISOString();
      for (const sku of skus) {
        const { Update } = stockUpdate(
          harness.tableName,
          TENANT,
          { warehouseId: WAREHOUSE, sku, onHand: perLevel, allocated: 0 },
          freedAt,
        );
        await harness.client.send(new UpdateCommand(Update as NonNullable<typeof Update>));
      }
      await deployed.wiring.repository.loadPolicies(TENANT);
      harness.resetTally();
      const { ordersServed } = await sweep({}, lambdaContext('sweep'));
      if (ordersServed !== skus.length * perLevel) throw new Error(`the sweep served ${ordersServed} orders`);
      return { ordersServed, itemsRead: harness.tally.itemsRead };
    };
    const restocked = await sweepRepairs('FREED', ORDERS_PER_RESTOCK);
    const trickled = await sweepRepairs('TRICKLE', 1);

    const adjustment1k = measured(
      'adjustment.itemsRead1k',
      'adjustment taking back from 30 orders, 1,000 others waiting: items read',
      items1k,
    );
    return [
      adjustment1k,
      sameAs(
        adjustment1k,
        measured(
          'adjustment.itemsRead20k',
          'adjustment taking back from 30 orders, 20,000 others waiting: items read',
          items20k,
        ),
      ),
      measured(
        'sweep.ordersRepaired20k',
        `sweep, ${ORDERS_PER_RESTOCK} units freed on each of ${FREED_LEVELS} SKUs, 20,000 others waiting: orders served`,
        restocked.ordersServed,
      ),
      measured(
        'sweep.itemsRead20k',
        `sweep, ${ORDERS_PER_RESTOCK} units freed on each of ${FREED_LEVELS} SKUs, 20,000 others waiting: items read`,
        restocked.itemsRead,
      ),
      atMost(
        1.1,
        measured(
          'sweep.itemsReadPerRepair20k',
          'sweep, 20,000 others waiting: items read per order served',
          ratio(restocked.itemsRead, restocked.ordersServed),
        ),
      ),
      // The floor, shown rather than hidden: each level served costs the read of the level itself.
      measured(
        'sweep.itemsReadPerRepairOnePerLevel20k',
        `sweep, 1 unit freed on each of ${FREED_LEVELS} SKUs (one order each), 20,000 others waiting: items read per order served`,
        ratio(trickled.itemsRead, trickled.ordersServed),
      ),
    ];
  } finally {
    deployed.close();
    await harness.drop();
  }
};
