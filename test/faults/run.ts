/**
 * The fault campaign (`npm run -s faults [-- [--json <file>] [--only <id>[,<id>…]] [--kinds
 * <kind>[,<kind>…]] [--stride <n> [--offset <k>]]]`): starts DynamoDB Local, runs the campaign (campaign.ts),
 * prints progress to stderr and the table to stdout, writes the JSON report, and exits non-zero
 * when a run found a violation.
 */
import { writeFileSync } from 'node:fs';

// Before any handler module loads: the functions' logs and metrics would bury the progress.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const option = (args: readonly string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
};

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const { startLocalDatabase, stopLocalDatabase } = await import('../bench/local-database.js');
  const { FAULT_KINDS } = await import('./aws-faults.js');
  const { campaignTable, runCampaign } = await import('./campaign.js');
  const { openWorld } = await import('./world.js');
  const kinds = option(args, '--kinds')?.split(',') as Array<(typeof FAULT_KINDS)[number]> | undefined;
  const unknown = (kinds ?? []).filter((kind) => !FAULT_KINDS.includes(kind));
  if (unknown.length > 0)
    throw new Error(`unknown fault kind ${unknown.join(', ')}; kinds: ${FAULT_KINDS.join(', ')}`);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  progress('faults: starting DynamoDB Local…');
  const local = await startLocalDatabase();
  const world = await openWorld();
  try {
    const report = await runCampaign(world, {
      ...(option(args, '--only') ? { scenarios: option(args, '--only')?.split(',') } : {}),
      ...(kinds ? { kinds } : {}),
      stride: Number(option(args, '--stride') ?? 1),
      offset: Number(option(args, '--offset') ?? 0),
      progress,
    });
    process.stdout.write(`${campaignTable(report)}\n`);
    const json = option(args, '--json');
    if (json) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    for (const scenario of report.scenarios)
      for (const finding of scenario.findings)
        process.stdout.write(
          `${scenario.id} @${finding.at} ${finding.command} ${finding.kind}: ${finding.problems.join('; ')}\n`,
        );
    return report.violations === 0 ? 0 : 1;
  } finally {
    await world.close();
    await stopLocalDatabase(local);
  }
};

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`faults: ${error.stack ?? error.message}\n`);
    process.exit(2);
  },
);
