/**
 * The campaign: each scenario once without faults (the reference, which also numbers its AWS
 * calls), then once per crash point N and fault kind, with that fault at the Nth call. A run's
 * violations are what its checks found (checks.ts); the report keeps counts and the first few
 * findings of each scenario.
 */
import { FAULT_KINDS, type FaultKind, faultApplies } from './aws-faults.js';
import { runScenario } from './run-one.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import type { World } from './world.js';

export interface CampaignOptions {
  /** Scenario ids (all without). */
  readonly scenarios?: readonly string[];
  readonly kinds?: readonly FaultKind[];
  /** Every `stride`-th crash point only (1: all), starting from `offset`. */
  readonly stride?: number;
  readonly offset?: number;
  readonly progress?: (line: string) => void;
}

export interface Finding {
  readonly at: number;
  readonly command: string;
  readonly kind: FaultKind;
  readonly problems: readonly string[];
}

export interface ScenarioReport {
  readonly id: string;
  readonly name: string;
  /** AWS calls of the fault-free run. */
  readonly calls: number;
  readonly crashPoints: number;
  readonly runs: number;
  readonly violations: number;
  /** Runs whose allocation ended otherwise than the reference's (a delay reorders; not a fault). */
  readonly divergentRuns: number;
  readonly seconds: number;
  readonly findings: readonly Finding[];
}

export interface CampaignReport {
  readonly crashPoints: number;
  readonly runs: number;
  readonly violations: number;
  readonly divergentRuns: number;
  readonly seconds: number;
  readonly kinds: readonly FaultKind[];
  readonly scenarios: readonly ScenarioReport[];
}

const FINDINGS_KEPT = 10;

async function runOne(world: World, scenario: Scenario, options: CampaignOptions): Promise<ScenarioReport> {
  const started = performance.now();
  const progress = options.progress ?? (() => undefined);
  const reference = await runScenario(world, scenario, undefined, undefined);
  const findings: Finding[] = [];
  let violations = reference.violations.length > 0 ? 1 : 0;
  if (violations)
    findings.push({ at: 0, command: '(no fault)', kind: 'crash', problems: reference.violations });
  const kinds = options.kinds ?? FAULT_KINDS;
  const stride = Math.max(1, options.stride ?? 1) * (scenario.stride ?? 1);
  // Sampled, but every transaction is kept: that is where partial commits and rollbacks happen.
  const points = reference.calls.filter(
    (call) =>
      (call.n - 1 - (options.offset ?? 0)) % stride === 0 ||
      (scenario.stride !== undefined && call.command === 'TransactWriteItemsCommand'),
  );
  let runs = 1;
  let divergentRuns = 0;
  for (const [index, call] of points.entries()) {
    for (const kind of kinds) {
      if (!faultApplies(kind, call.command)) continue;
      const result = await runScenario(world, scenario, { at: call.n, kind }, reference.outcome);
      runs += 1;
      if (result.divergences.length > 0) divergentRuns += 1;
      if (result.violations.length === 0) continue;
      violations += 1;
      if (findings.length < FINDINGS_KEPT)
        findings.push({ at: call.n, command: call.command, kind, problems: result.violations.slice(0, 5) });
      progress(`  ! ${scenario.id} @${call.n} ${call.command} ${kind}: ${result.violations[0]}`);
    }
    if ((index + 1) % 10 === 0 || index === points.length - 1)
      progress(
        `  ${scenario.id}: ${index + 1}/${points.length} points, ${runs} runs, ${violations} violations`,
      );
  }
  return {
    id: scenario.id,
    name: scenario.name,
    calls: reference.calls.length,
    crashPoints: points.length,
    runs,
    violations,
    divergentRuns,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    findings,
  };
}

export async function runCampaign(world: World, options: CampaignOptions = {}): Promise<CampaignReport> {
  const started = performance.now();
  const chosen = options.scenarios
    ? SCENARIOS.filter((scenario) => options.scenarios?.includes(scenario.id))
    : SCENARIOS;
  const reports: ScenarioReport[] = [];
  for (const scenario of chosen) {
    options.progress?.(`faults: ${scenario.id} (${scenario.name})…`);
    reports.push(await runOne(world, scenario, options));
  }
  const sum = (pick: (report: ScenarioReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  return {
    crashPoints: sum((r) => r.crashPoints),
    runs: sum((r) => r.runs),
    violations: sum((r) => r.violations),
    divergentRuns: sum((r) => r.divergentRuns),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    kinds: options.kinds ?? FAULT_KINDS,
    scenarios: reports,
  };
}

/** The short table printed after a campaign. */
export const campaignTable = (report: CampaignReport): string => {
  const rows = report.scenarios.map((r) =>
    [
      r.id.padEnd(14),
      String(r.calls).padStart(5),
      String(r.crashPoints).padStart(6),
      String(r.runs).padStart(5),
      String(r.violations).padStart(10),
      String(r.divergentRuns).padStart(9),
      `${r.seconds}s`.padStart(8),
    ].join(' '),
  );
  const header = [
    'scenario'.padEnd(14),
    'calls'.padStart(5),
    'points'.padStart(6),
    'runs'.padStart(5),
    'violations'.padStart(10),
    'divergent'.padStart(9),
    'time'.padStart(8),
  ].join(' ');
  const total = [
    'total'.padEnd(14),
    ''.padStart(5),
    String(report.crashPoints).padStart(6),
    String(report.runs).padStart(5),
    String(report.violations).padStart(10),
    String(report.divergentRuns).padStart(9),
    `${report.seconds}s`.padStart(8),
  ].join(' ');
  return [header, ...rows, total].join('\n');
};
