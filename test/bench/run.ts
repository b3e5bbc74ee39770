/**
 * The bench (`npm run bench [-- --json <file>]`): starts DynamoDB Local, runs each scenario on its
 * own copy of the template's tables, prints the figures against DESIGN §8's targets and stops
 * DynamoDB Local. A missed target is a finding, reported like the rest; only a scenario that
 * could not run makes the exit code non-zero.
 */
import { availableParallelism } from 'node:os';
import type { Figure } from './figures.js';
import { startLocalDatabase, stopLocalDatabase } from './local-database.js';
import { figureJson, figureTable, targetSummary, writeJsonReport } from './report.js';
import { functionBundles } from './scenarios/bundles.js';
import { conflictingAllocators } from './scenarios/conflicts.js';
import { hotSkuBurst } from './scenarios/hot-sku.js';
import { receiptWithBacklog } from './scenarios/receipt-backlog.js';
import { allocationThroughput } from './scenarios/throughput.js';
import { uncontendedIntake } from './scenarios/uncontended.js';

/** Those that only count requests come first, while the JVM under DynamoDB Local is still warming up. */
const SCENARIOS: ReadonlyArray<[name: string, run: () => Promise<Figure[]>]> = [
  ['uncontended intake', uncontendedIntake],
  ['receipt with a backlog', receiptWithBacklog],
  ['hot-SKU burst', hotSkuBurst],
  ['conflicting allocators', conflictingAllocators],
  ['allocation throughput', allocationThroughput],
  ['function bundles', functionBundles],
];

const jsonFile = (args: readonly string[]): string | undefined => {
  const at = args.indexOf('--json');
  if (at < 0) return undefined;
  const file = args[at + 1];
  if (!file || file.startsWith('--')) throw new Error('--json needs a file name');
  return file;
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
  const output = jsonFile(process.argv.slice(2));
  const started = performance.now();
  const local = await timed('starting DynamoDB Local', startLocalDatabase);
  const figures: Figure[] = [];
  const failures: Array<{ scenario: string; error: string }> = [];
  try {
    for (const [name, run] of SCENARIOS) {
      try {
        figures.push(...(await timed(name, run)));
      } catch (error) {
        failures.push({ scenario: name, error: (error as Error).stack ?? String(error) });
        progress(`bench: ${name} could not run: ${(error as Error).message}`);
      }
    }
  } finally {
    await stopLocalDatabase(local);
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
