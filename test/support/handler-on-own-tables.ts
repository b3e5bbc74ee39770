/**
 * One function's handler for a test file, wired as deployed on the file's own tables: made before
 * the file's tests (with the tenants it needs stored) and dropped after them.
 *
 *   const publisher = new InMemoryPublisher();
 *   const allocator = handlerOnOwnTables('allocator', makeHandler, { publisher });
 *   it('…', async () => { await allocator.handler(batch, lambdaContext()); });
 */
import type { Tenant } from '../../shared/domain/tenant.js';
import type { Wiring } from '../../shared/runtime/adapters.js';
import { createRepositoryHarness, type RepositoryHarness } from './repository-harness.js';
import { type HarnessWiringParts, wireHarness } from './wired-harness.js';

export interface HandlerOnOwnTables<H> {
  readonly harness: RepositoryHarness;
  readonly wiring: Wiring;
  readonly handler: H;
}

export interface OwnTablesOptions extends HarnessWiringParts {
  /** Stored before the handler is made, as the webhook routes look their tenant up. */
  readonly tenants?: readonly Tenant[];
}

/**
 * Registers the file's beforeAll and afterAll hooks, so call it at the top of a test file. The
 * fields exist once the beforeAll has run: read them in tests and hooks, not at load time.
 */
export function handlerOnOwnTables<H>(
  label: string,
  makeHandler: (wiring: () => Wiring) => H,
  { tenants = [], ...parts }: OwnTablesOptions,
): HandlerOnOwnTables<H> {
  let made: HandlerOnOwnTables<H> | undefined;
  beforeAll(async () => {
    const harness = await createRepositoryHarness(label);
    const wiring = wireHarness(harness, parts);
    for (const tenant of tenants) await wiring.directory.saveTenant(tenant);
    made = { harness, wiring, handler: makeHandler(() => wiring) };
  }, 60_000);
  afterAll(() => made?.harness.drop());
  const current = (): HandlerOnOwnTables<H> => {
    if (!made) throw new Error(`The ${label} handler is used before its beforeAll hook ran`);
    return made;
  };
  return {
    get harness() {
      return current().harness;
    },
    get wiring() {
      return current().wiring;
    },
    get handler() {
      return current().handler;
    },
  };
}
