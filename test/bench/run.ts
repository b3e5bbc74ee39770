/**
 * The bench (`npm run bench [-- [--only <scenario>[,<scenario>…]] [--json <file>]]`): starts
 * DynamoDB Local (when a chosen scenario needs it), runs each scenario on its own copy of the
 * template's tables, prints the figures against DESIGN §8's targets and stops DynamoDB Local. A
 * missed target is a finding, reported like the rest; only a scenario that could not run makes the
 * exit code non-zero.
 */
import './quiet-functions.js';
import { availableParallelism } from 'node:os';
import type { Figure } from './figures.js';
import { startLocalDatabase, stopLocalDatabase } from './local-database.js';
import { figureJson, figureTable, targetSummary, writeJsonReport } from './report.js';
import { allocatorPath } from './scenarios/allocator-path.js';
import { backlogRepairs } from './scenarios/backlog-repairs.js';
import { functionBundles } from './scenarios/bundles.js';
import { conflictingAllocators } from './scenarios/conflicts.js';
import { hotSkuBurst } from './scenarios/hot-sku.js';
import { pipeline } from './scenarios/pipeline.js';
import { receiptWithBacklog } from './scenarios/receipt-backlog.js';
import { strategiesAndFairShare } from './scenarios/strategies.js';
import { allocationThroughput } from './scenarios/throughput.js';

interface Scenario {
  /** What `--only` selects it by. */
  id: string;
  name: string;
  run: () => Promise<Figure[]>;
  needsDatabase: boolean;
}

/** Those that only count requests come first, while the JVM under DynamoDB Local is still warming up. */
const SCENARIOS: readonly Scenario[] = [
  { id: 'allocator', name: 'allocator path (SQS batches)', run: allocatorPath, needsDatabase: true },
  { id: 'receipt', name: 'receipt with a backlog', run: receiptWithBacklog, needsDatabase: true },
  { id: 'backlog', name: 'adjustment and sweep behind a backlog', run: backlogRepairs, needsDatabase: true },
  { id: 'strategies', name: 'win intake and fair share', run: strategiesAndFairShare, needsDatabase: true },
  { id: 'hot-sku', name: 'hot-SKU burst', run: hotSkuBurst, needsDatabase: true },
  { id: 'conflicts', name: 'conflicting allocators', run: conflictingAllocators, needsDatabase: true },
  { id: 'throughput', name: 'allocation throughput', run: allocationThroughput, needsDatabase: true },
  { id: 'bundles', name: 'function bundles', run: functionBundles, needsDatabase: false },
  // Last: it starts the whole local runtime, with a DynamoDB Local of its own.
  { id: 'pipeline', name: 'local pipeline under load', run: pipeline, needsDatabase: false },
];

const optionValue = (args: readonly string[], option: string, what: string): string | undefined => {
  const at = args.indexOf(option);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${option} needs ${what}`);
  return value;
};

const jsonFile = (args: readonly string[]): string | undefined => optionValue(args, '--json', 'a file name');

/** The scenarios `--only` names (comma-separated ids), in the bench's order; all without it. */
const chosenScenarios = (args: readonly string[]): readonly Scenario[] => {
  const only = optionValue(args, '--only', `scenario ids (${SCENARIOS.map(({ id }) => id).join(', ')})`);
  if (only === undefined) return SCENARIOS;
  const ids = new Set(only.split(',').map((id) => id.trim()));
  const unknown = [...ids].filter((id) => !SCENARIOS.some((scenario) => scenario.id === id));
  if (unknown.length > 0)
    throw new Error(
      `unknown scenario ${unknown.join(', ')}; the scenarios are ${SCENARIOS.map(({ id }) => id).join(', ')}`,
    );
  return SCENARIOS.filter((scenario) => ids.has(scenario.id));
};

const progress = (text: string) => process.stderr.write(`${text}\n`);

const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  progress(`bench: ${name}…`);
  const result = await work();
  progress(`bench: ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const output = jsonFile(args);
  const scenarios = chosenScenarios(args);
  const started = performance.now();
  const local = scenarios.some((scenario) => scenario.needsDatabase)
    ? await timed('starting DynamoDB Local', startLocalDatabase)
    : undefined;
  const figures: Figure[] = [];
  const failures: Array<{ scenario: string; error: string }> = [];
  try {
    for (const { name, run } of scenarios) {
      try {
        figures.push(...(await timed(name, run)));
      } catch (error) {
        failures.push({ scenario: name, error: (error as Error).stack ?? String(error) });
        progress(`bench: ${name} could not run: ${(error as Error).message}`);
      }
    }
  } finally {
    if (local) await stopLocalDatabase(local);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${figureTable(figures)}\n\n${targetSummary(figures)} (${seconds.toFixed(0)} s)`);
  for (const failure of failures)
    console.log(`\nscenario "${failure.scenario}" could not run:\n${failure.error}`);
  if (output) {
    await writeJsonReport(
      output,
      figureJson(figures, {
        runAt: new Date().toISOString(),
        seconds: Math.round(seconds),
        scenarios: scenarios.map(({ id }) => id),
        node: process.version,
        cpus: availableParallelism(),
        ...(failures.length > 0 ? { failures } : {}),
      }),
    );
    progress(`bench: figures written to ${output}`);
  }
  return failures.length > 0 ? 1 : 0;
};

process.exitCode = await main();
