/**
 * The fault campaign's short form (DESIGN §11): a few scenarios, a sample of their crash points,
 * every fault kind; and the points where the campaign found violations, kept as their own tests.
 * The full form is `npm run -s faults` (see test/faults/run.ts).
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const { runCampaign, campaignTable } = await import('./campaign.js');
const { runScenario } = await import('./run-one.js');
const { SCENARIOS } = await import('./scenarios.js');
const { openWorld } = await import('./world.js');

let world: Awaited<ReturnType<typeof openWorld>>;
beforeAll(async () => {
  world = await openWorld();
}, 60_000);
afterAll(() => world.close());

const scenario = (id: string) => {
  const found = SCENARIOS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
};

it('finds no violation at a sample of the crash points of its scenarios', async () => {
  const report = await runCampaign(world, { scenarios: ['contended', 'acts'], stride: 20, offset: 4 });
  const findings = report.scenarios.flatMap((each) =>
    each.findings.map((finding) => ({ scenario: each.id, ...finding })),
  );
  expect(findings).toEqual([]);
  expect(report.crashPoints).toBeGreaterThanOrEqual(8);
  expect(report.violations).toBe(0);
  process.stderr.write(`${campaignTable(report)}\n`);
}, 240_000);

it('undoes a chunk of a large receipt whose write landed but whose answer was lost', async () => {
  const large = scenario('large-receipt');
  const reference = await runScenario(world, large, undefined, undefined);
  // The receipt's chunks: the first run of consecutive transactions; the fault hits its second.
  const at = reference.calls.findIndex(
    (call, index) =>
      call.command === 'TransactWriteItemsCommand' &&
      reference.calls[index + 1]?.command === 'TransactWriteItemsCommand' &&
      reference.calls[index + 2]?.command === 'TransactWriteItemsCommand',
  );
  const run = await runScenario(world, large, { at: at + 2, kind: 'timeout-landed' }, reference.outcome);
  expect(run.struck).toBe(true);
  expect(run.violations).toEqual([]);
}, 120_000);

it('completes a large receipt whose process died at its second or third chunk while an order took what its first received', async () => {
  const large = scenario('large-receipt');
  const reference = await runScenario(world, large, undefined, undefined);
  const at = reference.calls.findIndex(
    (call, index) =>
      call.command === 'TransactWriteItemsCommand' &&
      reference.calls[index + 1]?.command === 'TransactWriteItemsCommand' &&
      reference.calls[index + 2]?.command === 'TransactWriteItemsCommand',
  );
  for (const chunk of [2, 3]) {
    const run = await runScenario(world, large, { at: at + chunk, kind: 'crash' }, reference.outcome);
    expect(run.struck).toBe(true);
    expect(run.violations).toEqual([]);
  }
}, 180_000);
