import type * as z from 'zod/mini';
import { kitBodySchema } from '../../domain/kit.js';
import { bulkActBody, MAX_BULK_ORDERS, summaryQuery } from '../console-schemas.js';
import {
  actQuery,
  allocateBody,
  orderListQuery,
  orderPath,
  reasonBody,
  strategyBody,
} from '../order-schemas.js';
import { channelPath, policyLayerBody, skuPath } from '../policy-schemas.js';
import { recipientBody, recipientPath } from '../recipient-schemas.js';
import { inboundQuery, stockQuery } from '../stock-schemas.js';
import { IDEMPOTENCY_KEY, type OperationSpec, type OperationsOf } from './operation-spec.js';

const act = (description: string, body = reasonBody, keyRequired = false): OperationSpec => ({
  tags: ['Orders'],
  description: `${description} Records who did it (the key's principal) and why.`,
  path: orderPath,
  query: actQuery,
  headers: [keyRequired ? { ...IDEMPOTENCY_KEY, required: true } : IDEMPOTENCY_KEY],
  body: { schema: body, required: true },
  ok: {
    description: 'What changed; with `dryRun=true`, what would change and why.',
    schemas: ['ActResult', 'DryRun'],
  },
  refusals: [404, 409, 503],
});

const putPolicy = (description: string, path?: z.ZodMiniObject): OperationSpec => ({
  tags: ['Policies'],
  description: `${description} Concurrent changes to other layers are kept.`,
  ...(path ? { path } : {}),
  body: { schema: policyLayerBody, required: true },
  ok: { description: 'The policies after the change.', schemas: ['Policies'] },
  refusals: [503],
});

/** The operator routes' schemas (DESIGN §7). */
export const OPERATOR_OPERATIONS: OperationsOf<'operator-api'> = {
  listOrders: {
    tags: ['Orders'],
    description:
      'Read through the status index, never a scan. Pages hold `limit` orders when that many match; follow `cursor` for more.',
    query: orderListQuery,
    ok: { description: 'One page of orders.', schemas: ['OrderPage'] },
  },
  getOrder: {
    tags: ['Orders'],
    path: orderPath,
    ok: { description: 'The order.', schemas: ['OrderDetail'] },
    refusals: [404],
  },
  allocateOrder: act(
    'Gives available stock to a waiting or held order, line by line. The quantities add to what the lines hold, so the Idempotency-Key is required (except for `dryRun=true`): a retry is then a duplicate, not a second allocation.',
    allocateBody,
    true,
  ),
  releaseOrder: act('Frees everything the order holds; waiting orders are served from it.'),
  holdOrder: act('The order keeps what it has and receives nothing automatically.'),
  unholdOrder: act('A still-short order rejoins its queues and is offered free stock.'),
  splitOrder: act('What the order holds ships; the rest moves to a new backorder `<orderId>-BO<n>`.'),
  setOrderStrategy: act(
    "Sets the order's own confirmation strategy (`win`, `gain`, `redistribute`, `fill`, `lose`), overriding the policy. A waiting order made `win` is completed at once when free stock, or what it may take from `lose` and `redistribute` orders, completes it.",
    strategyBody,
  ),
  cancelOrder: act('Cancels the order and frees its stock for waiting orders; a repeat changes nothing.'),
  actOnOrders: {
    tags: ['Orders'],
    description: `Each order is decided and committed on its own, one after another, so a refused order leaves the others to go ahead; the answer is 200 with each order's result (applied, refused with its error, or its dry run). At most ${MAX_BULK_ORDERS} orders. Records who did it and why in each order's history.`,
    headers: [IDEMPOTENCY_KEY],
    body: { schema: bulkActBody, required: true },
    ok: { description: 'Each order’s result, in the order asked.', schemas: ['BulkActResult'] },
  },
  getSummary: {
    tags: ['Orders'],
    description:
      'Reads the Awaiting Stock orders once through the status index (a few fields of each) and counts Ready to Pick there; never a scan.',
    query: summaryQuery,
    ok: { description: 'The counts.', schemas: ['Summary'] },
  },
  getStock: {
    tags: ['Stock'],
    query: stockQuery,
    ok: { description: 'On hand, allocated and available per warehouse, and in total.', schemas: ['Stock'] },
  },
  listInbound: {
    tags: ['Stock'],
    query: inboundQuery,
    ok: { description: 'Expected supply, soonest first.', schemas: ['Inbound'] },
  },
  getPolicies: {
    tags: ['Policies'],
    ok: { description: 'The service defaults and the tenant layers.', schemas: ['Policies'] },
  },
  putTenantPolicy: putPolicy('Replaces the tenant layer.'),
  putChannelPolicy: putPolicy("Replaces the channel's layer.", channelPath),
  putSkuPolicy: putPolicy("Replaces the SKU's layer.", skuPath),
  getKit: {
    tags: ['Policies'],
    description:
      'A kit line is allocated as these components, in whole kits only. 404 `KIT_NOT_FOUND` when the SKU is not a kit.',
    path: skuPath,
    ok: { description: 'The kit.', schemas: ['Kit'] },
  },
  putKit: {
    tags: ['Policies'],
    description:
      'Makes the SKU a kit of these components (whole units above zero, each SKU once), replacing any it had. Refused (400 `INVALID_INPUT`) when the kit would contain itself, directly or through other kits.',
    path: skuPath,
    body: { schema: kitBodySchema, required: true },
    ok: { description: 'The kit as stored.', schemas: ['Kit'] },
    refusals: [503],
  },
  listRecipients: {
    tags: ['Notifications'],
    description: "Each with its subscription's state as SNS has it now.",
    ok: { description: "The tenant's recipients.", schemas: ['RecipientList'] },
  },
  addRecipient: {
    tags: ['Notifications'],
    description:
      'Subscribes the address or number to the notification topic with a filter on this tenant, the event types and the channel and warehouse filters given. An email address is told to confirm, and receives nothing until it does.',
    body: { schema: recipientBody, required: true },
    ok: { description: 'The recipient.', schemas: ['Recipient'] },
    refusals: [409],
  },
  removeRecipient: {
    tags: ['Notifications'],
    path: recipientPath,
    description: 'Unsubscribes it; another tenant’s recipient is not found.',
    ok: { description: 'Removed.', schemas: [] },
    refusals: [404],
  },
  getOpenApi: {
    tags: ['API'],
    ok: { description: 'This document.', schemas: [] },
  },
};
