/**
 * `npm start` as a process of its own that a test can kill as a power cut would: started in its
 * own process group (so SIGKILL takes the runtime, DynamoDB Local and every function process at
 * once) over a given data folder, found by the lock file it writes, and a seeded workload of
 * signed orders and receipts that remembers which requests were answered.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runningRuntime } from '../../infra/local/runtime/runtime-lock.js';
import { signWebhookBody } from '../../shared/channels/signatures.js';
import { demoTenantSettings } from '../../shared/use-cases/tenants/demo-tenant.js';

/** The demo tenant with its documented default credentials (the service is started without DEMO_*). */
const DEMO = demoTenantSettings({});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** mulberry32: a small seeded PRNG, so a failing seed replays the same kill moments and orders. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

export interface ServiceProcess {
  readonly url: string;
  /** SIGKILL to the whole process group; resolves once the runtime's process has exited. */
  kill(): Promise<void>;
}

/** Starts `npm start`'s entry point on a free port over `dataDir`; resolves once its lock names its URL. */
export async function startServiceProcess(dataDir: string, logFile: string): Promise<ServiceProcess> {
  const out = openSync(logFile, 'a');
  // node with tsx's loader, not the tsx CLI: one process, whose pid is the lock's.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/runtime/start.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DEMO_'))),
      PORT: '0',
      LOCAL_DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 180_000;
  for (;;) {
    const lock = runningRuntime(dataDir);
    if (lock && lock.pid === child.pid && lock.url) {
      return {
        url: lock.url,
        kill: async () => {
          try {
            process.kill(-(child.pid as number), 'SIGKILL');
          } catch {
            // Already gone.
          }
          await exited;
        },
      };
    }
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}); see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One signed request of the workload, sent again (as a channel or warehouse would) until answered. */
export interface WorkRequest {
  readonly path: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  /** The order it creates, for an order webhook. */
  readonly orderId?: string;
  status?: number;
}

const orderRequest = (orderId: string, lines: Array<{ sku: string; quantity: number }>): WorkRequest => {
  const body = JSON.stringify({
    type: 'order.created',
    orderId,
    createdAt: '2026-12-05T09:00:00Z',
    customer: { name: 'Crash Test', email: 'crash@example.com' },
    lines: lines.map((line, index) => ({ lineId: String(index + 1), ...line })),
  });
  return {
    path: `/webhooks/${DEMO.tenantId}/orders`,
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature': signWebhookBody('generic', DEMO.webhookSecrets.orders, body),
    },
    orderId: `orders-${orderId}`,
  };
};

const receiptRequest = (receiptId: string, sku: string, quantity: number): WorkRequest => ({
  path: '/stock/receipts',
  body: JSON.stringify({ receiptId, warehouseId: 'main', lines: [{ sku, quantity }] }),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO.apiKey}` },
});

/**
 * A seed's workload: orders for two SKUs of its own (one with a little stock, one with none),
 * with a receipt for each among them, so the allocator, the events function and the notifier all
 * have work in flight whenever the kill comes.
 */
export const workloadOf = (seed: number, random: () => number, orders: number): WorkRequest[] => {
  const skus = [`CR${seed}-A`, `CR${seed}-B`];
  const quantity = () => 1 + Math.floor(random() * 3);
  const requests: WorkRequest[] = [receiptRequest(`cr-${seed}-r1`, skus[0] as string, 4)];
  for (let n = 0; n < orders; n++) {
    const lines = skus
      .filter((_, index) => index === 0 || random() < 0.5)
      .map((sku) => ({ sku, quantity: quantity() }));
    requests.push(orderRequest(`cr${seed}-${n}`, lines));
    if (n === Math.floor(orders / 2)) requests.push(receiptRequest(`cr-${seed}-r2`, skus[1] as string, 5));
  }
  return requests;
};

/**
 * Sends the requests `concurrency` at a time; a request the kill cut off keeps no status.
 * `onAnswer` hears how many have been answered so far.
 */
export async function send(
  baseUrl: string,
  requests: readonly WorkRequest[],
  concurrency: number,
  onAnswer: (answered: number) => void = () => undefined,
): Promise<void> {
  let next = 0;
  let answered = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as WorkRequest;
      try {
        const response = await fetch(`${baseUrl}${request.path}`, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(30_000),
        });
        await response.text();
        request.status = response.status;
        onAnswer(++answered);
      } catch {
        // The connection died with the service: no answer.
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export const logFileIn = (dir: string, seed: number): string => join(dir, `npm-start-seed-${seed}.log`);

/** `npm run -s local -- <args>` (the CLI's entry point, as npm runs it) with extra environment. */
export const localCli = (
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'infra/local/runtime/cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
