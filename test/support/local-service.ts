/**
 * The local runtime for end-to-end tests: started in this process on a free port, over a fresh
 * temporary data folder (so it starts empty), with the demo tenant's default credentials. Tests
 * drive it over HTTP with the demo's client and read what it delivers from its outbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceClient } from '../../infra/local/demo/http-client.js';
import type { DemoOrder } from '../../infra/local/demo/payloads.js';
import type { Runtime } from '../../infra/local/runtime/runtime.js';

export interface LocalService {
  readonly runtime: Runtime;
  readonly baseUrl: string;
  /** The demo tenant's channels, warehouse and operator. */
  readonly demo: ServiceClient;
  /** The runtime's log, for the message of a failing test. */
  readonly logs: readonly string[];
  stop(): Promise<void>;
}

export async function startLocalService(): Promise<LocalService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backorder-e2e-'));
  const logs: string[] = [];
  const { startRuntime } = await import('../../infra/local/runtime/runtime.js');
  let runtime: Runtime;
  try {
    runtime = await startRuntime({
      dataDir,
      fresh: true,
      port: 0,
      schedules: false,
      // No DEMO_* variables: the demo tenant gets the documented default credentials.
      env: {},
      log: (line) => logs.push(line),
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const baseUrl = runtime.baseUrl as string;
  return {
    runtime,
    baseUrl,
    demo: new ServiceClient(baseUrl, runtime.demoTenant),
    logs,
    stop: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value: delivery through the bus and queues is asynchronous. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let nextId = 7_100_000_000_000;

/** An order of one customer with `quantity` of each SKU, under a platform id no other test uses. */
export const testOrder = (lines: Readonly<Record<string, number>>): DemoOrder => {
  const id = String(nextId++);
  return {
    id,
    number: 2000 + (nextId % 1000),
    createdAt: new Date(),
    customer: {
      id: `${id}0`,
      firstName: 'Erin',
      lastName: 'Test',
      email: 'erin@example.com',
      phone: null,
      city: 'Oslo',
    },
    lines: Object.entries(lines).map(([sku, quantity], index) => ({
      id: `${id}${index + 1}`,
      sku,
      title: `Item ${sku}`,
      quantity,
      price: '10.00',
    })),
  };
};
