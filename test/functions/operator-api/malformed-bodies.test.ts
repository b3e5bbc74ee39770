import fc from 'fast-check';
import { bulkActBody } from '../../../shared/api/console-schemas.js';
import { policyLayerBody } from '../../../shared/api/policy-schemas.js';
import { recipientBody } from '../../../shared/api/recipient-schemas.js';
import { kitBodySchema } from '../../../shared/domain/kit.js';
import { malformedBodies } from '../../shared/channels/webhook-fixtures.js';
import { operatorEvent } from '../../support/operator-api.js';
import {
  ACT_BODIES,
  createFuzzTarget,
  FUZZ_TENANT,
  type FuzzTarget,
  POLICY_BASE,
  RUNS,
  wellFormedJson,
  withBody,
} from '../../support/operator-fuzz.js';

/**
 * Malformed bodies and path parameters for every operator route that takes them, aimed at a real
 * order: only 4xx, never 5xx, and nothing written or published.
 */
let target: FuzzTarget;

beforeAll(async () => {
  target = await createFuzzTarget('operator-malformed-bodies');
}, 120_000);
afterAll(() => target.api.drop());

const BODY_ROUTES = [
  ...Object.entries(ACT_BODIES).map(([name, [schema, base]]) => ({
    method: 'POST',
    path: `/orders/f-1/${name}`,
    schema,
    base,
  })),
  ...['/policies', '/policies/channels/shopify', '/policies/skus/A'].map((path) => ({
    method: 'PUT',
    path,
    schema: policyLayerBody,
    base: POLICY_BASE,
  })),
  {
    method: 'PUT',
    path: '/kits/K',
    schema: kitBodySchema,
    base: { components: [{ sku: 'A', quantity: 1 }] },
  },
  {
    method: 'POST',
    path: '/notifications/recipients',
    schema: recipientBody,
    base: {
      protocol: 'email',
      endpoint: 'ops@example.com',
      eventTypes: ['AwaitingStock'],
      channel: 'shopify',
    },
  },
  {
    method: 'POST',
    path: '/orders/acts',
    schema: bulkActBody,
    base: { act: 'hold', orderIds: ['f-1'], reason: 'fuzz' },
  },
];

it.each(BODY_ROUTES)(
  `$method $path: ${RUNS} malformed bodies, only 4xx, nothing written`,
  async ({ method, path, schema, base }) => {
    await target.nothingChanges(() =>
      fc.assert(
        fc.asyncProperty(malformedBodies(base), async (body) => {
          fc.pre(!wellFormedJson(schema, body));
          await target.expectRefused(withBody(operatorEvent(method, path, { tenantId: FUZZ_TENANT }), body));
        }),
        { numRuns: RUNS },
      ),
    );
  },
  300_000,
);

it(`path parameters: ${RUNS} malformed or unknown ids on every route that takes one, only 4xx, nothing written`, async () => {
  const ids = fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.string({ minLength: 201, maxLength: 1500 }),
    fc.constantFrom(
      '%',
      '%E0%A4%A',
      '%%',
      ' ',
      '  %20 ',
      '-BO1',
      'f-1-BO1',
      'F-1',
      'f-1 ',
      '#',
      'T#fuzz-1#ORDER#f-1',
    ),
  );
  const routes = fc.constantFrom(
    ...Object.entries(ACT_BODIES).map(([name, [, base]]) => ({
      method: 'POST',
      template: `/orders/{}/${name}`,
      body: base,
    })),
    { method: 'GET', template: '/orders/{}', body: undefined },
  );
  await target.nothingChanges(() =>
    fc.assert(
      fc.asyncProperty(routes, ids, async (route, id) => {
        const segment = /%/.test(id) ? id : encodeURIComponent(id);
        const event = operatorEvent(route.method, route.template.replace('{}', segment), {
          tenantId: FUZZ_TENANT,
          ...(route.body !== undefined ? { body: route.body } : {}),
        });
        await target.expectRefused(event);
      }),
      { numRuns: RUNS },
    ),
  );
  expect(target.refusedCodes.get('ORDER_NOT_FOUND')).toBeGreaterThan(0);
}, 300_000);

it(`policy paths: ${RUNS} malformed channels and SKUs, only 4xx, nothing written`, async () => {
  // Any well-formed name is a layer one may set, so only malformed ones are sent here.
  const names = fc.oneof(
    fc.string({ minLength: 201, maxLength: 1500 }).filter((name) => name.trim() === name),
    fc.string({ maxLength: 20 }).map((name) => ` ${name}`),
    fc.string({ maxLength: 20 }).map((name) => `${name}\t`),
    fc.constantFrom('%', '%E0%A4%A', '%%', '%ZZ', 'A%'),
  );
  await target.nothingChanges(() =>
    fc.assert(
      fc.asyncProperty(fc.constantFrom('channels', 'skus'), names, async (layer, name) => {
        const segment = /%/.test(name) ? name : encodeURIComponent(name);
        await target.expectRefused(
          operatorEvent('PUT', `/policies/${layer}/${segment}`, { tenantId: FUZZ_TENANT, body: POLICY_BASE }),
        );
      }),
      { numRuns: RUNS },
    ),
  );
}, 300_000);

it('left the table exactly as it was', async () => {
  expect((await target.api.harness.readAll()).items).toEqual(target.tableBefore);
  expect(target.refusedCodes.get('INVALID_INPUT')).toBeGreaterThan(RUNS);
});
