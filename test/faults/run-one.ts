/**
 * One run of a scenario on fresh tables: its tenant stored, its steps sent on the virtual clock,
 * everything delivered (with the one planned fault, if any), the schedule's sweeps an hour after
 * the last step, then the stored state read back and judged.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../../shared/adapters/dynamodb/items.js';
import { wireAdapters } from '../../shared/runtime/adapters.js';
import { InMemoryPublisher } from '../support/in-memory-publisher.js';
import { scanAll, storedStateOf } from '../support/repository-harness.js';
import { createTestTables } from '../support/tables.js';
import type { FaultKind } from './aws-faults.js';
import {
  answersDiffer,
  divergences,
  exactlyOnceProblems,
  invariantProblems,
  livenessProblems,
  type Outcome,
  outcomeOf,
} from './checks.js';
import { Platform } from './platform.js';
import { NO_SKEW } from './processes.js';
import { tenant } from './requests.js';
import type { Scenario } from './scenarios.js';
import type { World } from './world.js';

export const START = Date.parse('2026-12-05T09:00:00.000Z');
const HOUR = 3_600_000;
const KEY_LIFE_PASSED = 400 * 24 * HOUR;
const SWEEP_INTERVAL = 5 * 60_000;

export interface RunResult {
  readonly calls: ReadonlyArray<{ n: number; command: string }>;
  readonly struck: boolean;
  readonly outcome: Outcome;
  readonly violations: string[];
  readonly divergences: string[];
}

/**
 * TTL's work: every idempotency key that has expired by `nowMs` is gone. Returns the notification
 * claims among them (they expire too; the notifications went out).
 */
const expireKeys = async (tables: Awaited<ReturnType<typeof createTestTables>>, nowMs: number) => {
  const expired = (await scanAll(tables)).filter(
    (item) => String(item.pk).includes('#IDEMPOTENCY#') && Number(item.expiresAt) * 1000 <= nowMs,
  );
  const notified = expired.filter((item) => String(item.pk).includes('#IDEMPOTENCY#notify#'));
  for (let at = 0; at < expired.length; at += 25) {
    const chunk = expired.slice(at, at + 25);
    await tables.client.send(
      new BatchWriteCommand({
        RequestItems: {
          [tables.tableName]: chunk.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
        },
      }),
    );
  }
  return notified;
};

export async function runScenario(
  world: World,
  scenario: Scenario,
  fault: { at: number; kind: FaultKind } | undefined,
  reference: Outcome | undefined,
): Promise<RunResult> {
  const tables = await createTestTables(`faults-${scenario.id}`);
  try {
    const setup = wireAdapters({
      documents: tables.client,
      tableName: tables.tableName,
      publisher: new InMemoryPublisher(),
    });
    await setup.directory.saveTenant(tenant);
    const skew = scenario.skew ?? NO_SKEW;
    const platform = new Platform(world, tables.tableName, START, skew, scenario.delivery);
    const steps = scenario.steps();
    world.faults.reset(fault);
    const requests = new Map<string, (typeof steps)[number]>();
    for (const step of steps) {
      if ('sweep' in step) platform.sweep(START + step.at * 1000);
      else {
        requests.set(step.label, step);
        platform.request(step.request.fn, step.request.event, step.label, START + step.at * 1000);
      }
    }
    await platform.drain();
    const expiredClaims: Item[] = [];
    if (scenario.expireKeysThenResend) {
      platform.now += KEY_LIFE_PASSED;
      expiredClaims.push(...(await expireKeys(tables, platform.now)));
      for (const label of scenario.expireKeysThenResend) {
        const step = requests.get(label);
        if (step && !('sweep' in step))
          platform.request(step.request.fn, step.request.event, `${label} (resent)`, platform.now);
      }
      await platform.drain();
    }
    // The schedule's sweep an hour on, and its next run: a sweep that a fault hit leaves its work
    // to the next one (liveness is "after one sweep", a sweep that ran without the fault).
    platform.sweep(platform.now + HOUR);
    await platform.drain();
    const finalSweep = platform.now + SWEEP_INTERVAL;
    platform.sweep(finalSweep);
    await platform.drain();
    const struck = world.faults.struck;
    const calls = [...world.faults.calls];
    world.faults.reset();
    const state = storedStateOf(await scanAll(tables));
    const outcome = outcomeOf(state, platform.answers, platform.notifications);
    const sweepNow = new Date(finalSweep + skew.sweep * 60_000).toISOString();
    const base = reference ?? outcome;
    // A request the fault made visibly refused (an act on an order whose intake was delayed)
    // changes what follows it: the comparison with the reference is then reported, not counted.
    const refused = answersDiffer(outcome, base);
    const once = exactlyOnceProblems(outcome, base).map((problem) => `exactly once: ${problem}`);
    const violations = [
      ...invariantProblems(state).map((problem) => `invariant: ${problem}`),
      ...(refused ? [] : once),
      ...livenessProblems(
        state,
        sweepNow,
        platform.deadLetters,
        platform.notifications.length,
        expiredClaims,
      ).map((p) => `liveness: ${p}`),
    ];
    return {
      calls,
      struck,
      outcome,
      violations,
      divergences: [...divergences(outcome, base), ...(refused ? once : [])],
    };
  } finally {
    world.setSinks({ onEvent: () => undefined, onMessage: () => undefined });
    await tables.drop();
  }
}
