/**
 * Every maximum the service accepts at its HTTP edge, in one place: the handlers, the zod schemas
 * and the OpenAPI description all read them from here, and the README's table lists them. Each
 * is derived from a limit of a service downstream, so that anything answered 2xx can be carried
 * through to the end (events put on the bus, items written, notifications sent, pages returned).
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/** The AWS limits ours derive from (each service's documented quota; none can be raised). */
export const AWS_LIMITS = {
  /** API Gateway HTTP API: the largest request body it takes (it answers 413 above). */
  apiGatewayBodyBytes: 10 * MiB,
  /** Lambda: a synchronous invocation's request and response payload. */
  lambdaPayloadBytes: 6 * MiB,
  /** EventBridge PutEvents: one entry (and one call). */
  eventBridgeEntryBytes: 256 * KiB,
  /** SNS: one message (and one PublishBatch call). */
  snsMessageBytes: 256 * KiB,
  /** DynamoDB: one item. */
  dynamoItemBytes: 400 * KiB,
  /** DynamoDB: a partition key value, and a sort key value. */
  dynamoPartitionKeyBytes: 2 * KiB,
  dynamoSortKeyBytes: 1 * KiB,
} as const;

/** Letters in an id: order, line, SKU, warehouse, receipt and event ids (200 UTF-16 units). */
const ID_LENGTH = 200;
/** A channel name (`[A-Za-z0-9_]`), which prefixes its orders' ids and its deliveries' event ids. */
const CHANNEL_NAME_LENGTH = 50;

export const LIMITS = {
  idLength: ID_LENGTH,
  channelNameLength: CHANNEL_NAME_LENGTH,
  /**
   * A channel's delivery id (`X-Shopify-Webhook-Id`, the generic format's `Idempotency-Key`)
   * becomes the event id `<channel>:<delivery id>`, which must stay an id: a longer one is
   * replaced by its digest (71 characters), as a platform's retry sends the same header.
   */
  deliveryIdLength: ID_LENGTH - CHANNEL_NAME_LENGTH - 1,
  /** `Idempotency-Key` of the operator and warehouse routes: it is the request's event id. */
  idempotencyKeyLength: ID_LENGTH,
  /**
   * Lines of one order. The order travels whole in its `Order Received` event (PutEvents:
   * 256 KiB) and each line at most twice more in the events its decisions cause; 500 lines of
   * ordinary ids keep all of them, and the order's item, far below their limits.
   */
  orderLines: 500,
  /**
   * An order as the service stores it (JSON, UTF-8): a quarter of a PutEvents entry, since the
   * events a decision causes (awaiting stock, split: both sides) repeat its lines up to three times.
   */
  orderBytes: 64 * KiB,
  /** Lines of one receipt or adjustment: each is a stock level written in the same decision. */
  stockLines: 500,
  /** Orders named by one `POST /orders/acts`. */
  actOrders: 100,
  /** Units in a line, a receipt or a dispatch; and the size of one adjustment. */
  quantity: 1_000_000_000,
  adjustmentDelta: 1_000_000_000,
  /**
   * A request body. API Gateway takes 10 MiB, but Lambda only 6 MiB of event, and a body API
   * Gateway hands over base64-encoded grows by a third: 4 MiB stays under 6 MiB with its headers.
   */
  requestBodyBytes: 4 * MiB,
  /** Orders in one `GET /orders` page, by count and by the page's JSON size (Lambda: 6 MiB). */
  pageSize: 100,
  pageBytes: 4 * MiB,
} as const;

/** UTF-8 bytes of a value as JSON: how every service above counts a payload. */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
