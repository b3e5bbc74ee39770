/**
 * `npm start` killed as a power cut would (SIGKILL to its process group: the runtime, DynamoDB
 * Local and every function process at once) while signed orders and receipts arrive, then
 * started again on the same data folder: every order answered 200 is decided exactly once, and
 * every invariant of DESIGN §4 holds.
 *
 * Each seed (a seeded PRNG: a failing seed replays its workload and kill moment) starts the
 * service on the folder the previous seed's kill left behind, so its start resumes that work
 * while its own workload arrives, and is killed at a random moment. A last start in this process
 * resends what no answer came for (as a channel would), waits for the work to settle, runs the
 * sweep and reads the whole table back. CI runs 5 seeds; `npm run test:crash` runs more
 * (CRASH_SEEDS).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { type CloudAssembly, cloudAssembly } from '../../../infra/local/runtime/assembly.js';
import type { Runtime } from '../../../infra/local/runtime/runtime.js';
import { replayJournal } from '../../../infra/local/runtime/work-journal.js';
import {
  localCli,
  logFileIn,
  seededRandom,
  send,
  startServiceProcess,
  type WorkRequest,
  workloadOf,
} from '../../support/crash-run.js';
import { scanAll, storedStateOf } from '../../support/repository-harness.js';
import { historyOf, reservationsOf, storedStateProblems } from '../../support/stored-state.js';

const SEEDS = Number(process.env.CRASH_SEEDS ?? 5);
const FIRST_SEED = Number(process.env.CRASH_FIRST_SEED ?? 1);
const ORDERS_PER_SEED = 10;

let dataDir: string;
let assembly: CloudAssembly;
let runtime: Runtime | undefined;
const logs: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'backorder-crash-'));
  // Synthesized once here (if the sources changed), so every start below reuses it.
  assembly = await cloudAssembly();
}, 300_000);

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const why = (seed: number | string) =>
  `(seed ${seed}; data in ${dataDir}; logs: ${readdirSync(dataDir).filter((name) => name.endsWith('.log'))})`;

test(`every order answered 200 is decided exactly once after ${SEEDS} kills`, async () => {
  const requests: WorkRequest[] = [];
  const heldAtKills: number[] = [];
  for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
    const random = seededRandom(seed);
    const workload = workloadOf(seed, random, ORDERS_PER_SEED);
    requests.push(...workload);
    const service = await startServiceProcess(dataDir, logFileIn(dataDir, seed));
    // A random moment measured in progress, not in time (a slow machine answers later): after a
    // random number of answers and a random delay, while the queues and retries are busy.
    const killAfterAnswers = 1 + Math.floor(random() * workload.length);
    const thenMs = Math.floor(random() * 500);
    let reached!: () => void;
    const killMoment = new Promise<void>((resolve) => (reached = resolve));
    const sending = send(service.url, workload, 3, (answered) => {
      if (answered >= killAfterAnswers) reached();
    });
    await Promise.race([killMoment, sending]);
    await new Promise((resolve) => setTimeout(resolve, thenMs));
    await service.kill();
    await sending;
    heldAtKills.push(replayJournal(readFileSync(join(dataDir, 'in-flight.jsonl'), 'utf8')).held.size);
  }
  // The kills came while work was in flight (else this test would prove nothing about keeping it).
  expect(heldAtKills.some((held) => held > 0)).toBe(true);

  const { startRuntime } = await import('../../../infra/local/runtime/runtime.js');
  runtime = await startRuntime({
    dataDir,
    assembly,
    port: 0,
    schedules: false,
    env: {},
    // The sweep below runs as if its graces had passed: a webhook cut off between storing its order
    // and publishing it is answered `duplicate` when resent, and only the sweep publishes it.
    functionEnv: { POWERTOOLS_LOG_LEVEL: 'ERROR', OUTBOX_GRACE_SECONDS: '0', INTAKE_GRACE_SECONDS: '0' },
    log: (line) => logs.push(line),
  });
  const unanswered = requests.filter((request) => request.status === undefined);
  await send(runtime.baseUrl as string, unanswered, 3);
  expect(requests.filter((request) => request.status !== 200).map((r) => [r.path, r.body, r.status])).toEqual(
    [],
  );
  await runtime.idle();
  // The CLI finds this runtime by the data folder's lock, and asks it (it never opens the database).
  const sweep = await localCli(['sweep'], { LOCAL_DATA_DIR: dataDir });
  expect(sweep.code).toBe(0);
  expect(sweep.stderr).not.toMatch(/No service holds/);
  expect(JSON.parse(sweep.stdout)).toMatchObject({ errors: 0 });
  await runtime.idle();

  const { documents, tableName } = runtime.wiring('operator-api');
  const state = storedStateOf(await scanAll({ client: documents, tableName }));
  const decided = requests.flatMap((request) => {
    if (!request.orderId) return [];
    const created = historyOf(state, request.orderId).filter((entry) => entry.statusBefore === null);
    return [[request.orderId, created.length]];
  });
  expect({ why: why('all'), heldAtKills, decided }).toEqual({
    heldAtKills,
    why: why('all'),
    decided: decided.map(([orderId]) => [orderId, 1]),
  });
  expect(storedStateProblems(state)).toEqual([]);
  expect(reservationsOf(state)).toEqual([]);
  // A message whose receive the kills cut off maxReceiveCount times is dead-lettered, as SQS would
  // do when its consumer keeps dying; only `Order Received` may go there, and the sweep's intake
  // check has had each of those orders decided all the same (checked above).
  const letters = existsSync(runtime.deadLettersDir) ? readdirSync(runtime.deadLettersDir) : [];
  expect(letters.filter((file) => !file.includes('allocator'))).toEqual([]);
  const lettered = letters.flatMap((file) =>
    readFileSync(join(runtime?.deadLettersDir as string, file), 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(JSON.parse(line).body) as { 'detail-type': string; detail: { orderId: string } },
      ),
  );
  const decidedIds = new Set(decided.map(([orderId]) => orderId));
  for (const letter of lettered) {
    expect(letter['detail-type']).toBe('Order Received');
    expect(decidedIds.has(letter.detail.orderId)).toBe(true);
  }
}, 900_000);
