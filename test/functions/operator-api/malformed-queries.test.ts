import fc from 'fast-check';
import { summaryQuery } from '../../../shared/api/console-schemas.js';
import { actQuery, orderListQuery } from '../../../shared/api/order-schemas.js';
import { routesOf } from '../../../shared/api/routes.js';
import { stockQuery } from '../../../shared/api/stock-schemas.js';
import { operatorEvent } from '../../support/operator-api.js';
import {
  ACT_BODIES,
  createFuzzTarget,
  FUZZ_TENANT,
  type FuzzTarget,
  POLICY_BASE,
  parses,
  RUNS,
} from '../../support/operator-fuzz.js';

/**
 * Malformed query strings for every operator route, with a body the route would take, aimed at a
 * real order: only 4xx, never 5xx, and nothing written or published.
 */
let target: FuzzTarget;

beforeAll(async () => {
  target = await createFuzzTarget('operator-malformed-queries');
}, 120_000);
afterAll(() => target.api.drop());

const queryValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ minLength: 190, maxLength: 2100 }),
  fc.constantFrom('', ' ', 'true', 'false', 'TRUE', 'yes', '1', '0', '-1', '1e2', '101', '12abc', '0x10'),
  fc.constantFrom('AwaitingStock', 'awaitingstock', 'Shipped', 'newest', 'oldest', 'A', '%', 'null', '[]'),
);

/** Query strings over the route's own parameter names and any others. */
const queries = (names: readonly string[]) =>
  fc.dictionary(
    fc.oneof(fc.constantFrom(...names, 'cursor', 'x'), fc.string({ minLength: 1, maxLength: 20 })),
    queryValue,
    {
      minKeys: 1,
      maxKeys: 6,
    },
  );

const LIST_NAMES = Object.keys(orderListQuery.shape);

interface QueryRoute {
  method: string;
  path: string;
  /** The route's own parameter names, which the generated query strings favour. */
  names: readonly string[];
  /** Whether the route would take the query: that is no malformed one. */
  accepted: (query: Record<string, string>) => boolean;
  body?: unknown;
}

const never = () => false;
const QUERY_ROUTES: QueryRoute[] = [
  // A cursor this service did not sign is malformed whatever else the query says.
  {
    method: 'GET',
    path: '/orders',
    names: LIST_NAMES,
    accepted: (query) => parses(orderListQuery, query) && query.cursor === undefined,
  },
  { method: 'GET', path: '/orders/f-1', names: [], accepted: never },
  ...Object.entries(ACT_BODIES).map(([name, [, base]]) => ({
    method: 'POST',
    path: `/orders/f-1/${name}`,
    names: ['dryRun'],
    accepted: (query: Record<string, string>) => parses(actQuery, query),
    body: base,
  })),
  {
    method: 'GET',
    path: '/stock',
    names: ['sku', 'warehouse'],
    accepted: (query) => parses(stockQuery, query),
  },
  {
    method: 'GET',
    path: '/inbound',
    names: ['sku', 'warehouse'],
    accepted: (query) => parses(stockQuery, query),
  },
  { method: 'GET', path: '/policies', names: [], accepted: never },
  { method: 'PUT', path: '/policies', names: [], accepted: never, body: POLICY_BASE },
  { method: 'PUT', path: '/policies/channels/shopify', names: [], accepted: never, body: POLICY_BASE },
  { method: 'PUT', path: '/policies/skus/A', names: [], accepted: never, body: POLICY_BASE },
  { method: 'GET', path: '/kits/K', names: [], accepted: never },
  {
    method: 'PUT',
    path: '/kits/K',
    names: [],
    accepted: never,
    body: { components: [{ sku: 'A', quantity: 1 }] },
  },
  { method: 'GET', path: '/openapi.json', names: [], accepted: never },
  { method: 'GET', path: '/notifications/recipients', names: [], accepted: never },
  {
    method: 'POST',
    path: '/notifications/recipients',
    names: [],
    accepted: never,
    body: { protocol: 'sms', endpoint: '+4712345678', eventTypes: ['Split'] },
  },
  { method: 'DELETE', path: '/notifications/recipients/r-1', names: [], accepted: never },
  {
    method: 'POST',
    path: '/orders/acts',
    names: [],
    accepted: never,
    body: { act: 'hold', orderIds: ['f-1'], reason: 'fuzz' },
  },
  {
    method: 'GET',
    path: '/summary',
    names: ['warehouse'],
    accepted: (query) => parses(summaryQuery, query),
  },
];

// One object per row: jest would take a parameter beyond a row's length for a `done` callback.
it.each(QUERY_ROUTES)(
  `$method $path: ${RUNS} malformed query strings, only 4xx, nothing written`,
  async ({ method, path, names, accepted, body }) => {
    await target.nothingChanges(() =>
      fc.assert(
        fc.asyncProperty(queries(names), async (query) => {
          fc.pre(!accepted(query));
          await target.expectRefused(
            operatorEvent(method, path, {
              tenantId: FUZZ_TENANT,
              query,
              ...(body !== undefined ? { body } : {}),
            }),
          );
        }),
        { numRuns: RUNS },
      ),
    );
  },
  300_000,
);

/** The route template a concrete path was made from. */
const asTemplate = (path: string) =>
  path
    .replace('/orders/f-1', '/orders/{orderId}')
    .replace('/channels/shopify', '/channels/{channel}')
    .replace('/skus/A', '/skus/{sku}')
    .replace('/kits/K', '/kits/{sku}')
    .replace('/recipients/r-1', '/recipients/{recipientId}');

it('covers every operator route and left the table exactly as it was', async () => {
  expect(QUERY_ROUTES.map((route) => `${route.method} ${asTemplate(route.path)}`).sort()).toEqual(
    routesOf('operator-api')
      .map((route) => `${route.method} ${route.path}`)
      .sort(),
  );
  expect((await target.api.harness.readAll()).items).toEqual(target.tableBefore);
});
