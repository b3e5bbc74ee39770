import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { esbuildOptionsFor } from '../../../infra/stateless/bundling.js';
import { FUNCTION_NAMES, type FunctionName, REPO_ROOT } from '../../../infra/stateless/service-function.js';
import { atMost, type Figure, measured } from '../figures.js';

/** Fresh processes per module; the runs of all modules are interleaved, so a busy spell hits them alike. */
const ROUNDS = 9;
// Inside the repository, so the bundles' external AWS SDK resolves from node_modules as the runtime provides it.
const OUT_DIR = join(REPO_ROOT, '.local', 'bench-bundles');
const TOP_CONTRIBUTORS = 6;

/**
 * Run by each fresh process: imports the module it is given and reports how long the import took
 * and the CPU the process has used since it started. The process then ends on its own, so any work
 * the import left running counts in its wall time too.
 */
const LOADER = `const started = performance.now();
await import(process.argv[2]);
const importMs = performance.now() - started;
const { user, system } = process.cpuUsage();
process.stdout.write(JSON.stringify({ importMs, cpuMs: (user + system) / 1000 }));
`;

/** The environment of a deployed function, as the stack and the Lambda runtime set it, and nothing else. */
const lambdaEnvironment = (functionName: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_LAMBDA_FUNCTION_NAME: functionName,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  _HANDLER: 'index.handler',
  POWERTOOLS_SERVICE_NAME: 'backorder-service',
  POWERTOOLS_METRICS_NAMESPACE: 'BackorderService',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  TABLE_NAME: 'bench',
  EVENT_BUS_NAME: 'bench',
  NOTIFICATION_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:bench',
});

interface Load {
  wallMs: number;
  importMs: number;
  cpuMs: number;
}

/** One fresh Node process that loads `file`: its wall time from spawn to exit, and what it reports. */
const loadOnce = (loader: string, file: string, functionName: string): Load => {
  const started = performance.now();
  const run = spawnSync(process.execPath, [loader, pathToFileURL(file).href], {
    encoding: 'utf8',
    env: lambdaEnvironment(functionName),
    timeout: 60_000,
  });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`loading ${file} failed (${run.status}): ${run.stderr || run.error}`);
  const { importMs, cpuMs } = JSON.parse(run.stdout) as Omit<Load, 'wallMs'>;
  return { wallMs, importMs, cpuMs };
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** The median of each measure over `ROUNDS` interleaved fresh-process loads of each module. */
const medianLoads = (loader: string, modules: ReadonlyArray<{ key: string; file: string }>) => {
  const runs = new Map<string, Load[]>(modules.map(({ key }) => [key, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const { key, file } of modules) runs.get(key)?.push(loadOnce(loader, file, key));
  return new Map(
    [...runs].map(([key, loads]) => [
      key,
      {
        wallMs: median(loads.map((load) => load.wallMs)),
        importMs: median(loads.map((load) => load.importMs)),
        cpuMs: median(loads.map((load) => load.cpuMs)),
      },
    ]),
  );
};

/** What a bundle is made of, by package (or by folder of this repository), largest first. */
const contributors = (output: Metafile['outputs'][string]): Array<[source: string, bytes: number]> => {
  const bytes = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const inPackage = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const source = inPackage ? (inPackage[1] as string) : path.split('/').slice(0, 2).join('/');
    bytes.set(source, (bytes.get(source) ?? 0) + input.bytesInOutput);
  }
  return [...bytes].sort((a, b) => b[1] - a[1]);
};

/** How the bundle imports the AWS SDK, which stays outside it: when it loads, or on first use. */
const sdkImports = (output: Metafile['outputs'][string]): string => {
  const kinds = new Set(
    output.imports.filter((item) => item.path.startsWith('@aws-sdk/')).map((item) => item.kind),
  );
  if (kinds.has('import-statement')) return 'AWS SDK imported with the bundle';
  return kinds.size > 0 ? 'AWS SDK imported on first use' : 'no AWS SDK';
};

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Each function bundled exactly as the stack bundles it: its size, and the wall time of a fresh
 * Node process that loads it (process start and import, as a cold start is), as a ratio to the
 * same for an empty handler (DESIGN §8). The import alone, and the process's CPU time as a ratio
 * (steadier than wall time on a busy machine), are printed beside it; so is the load of the AWS
 * SDK clients alone, which the bundles leave to the runtime and import on their first call.
 */
export const functionBundles = async (): Promise<Figure[]> => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    const loader = join(OUT_DIR, 'load.mjs');
    writeFileSync(loader, LOADER);
    const empty = join(OUT_DIR, 'empty.mjs');
    writeFileSync(empty, 'export const handler = async () => ({});\n');
    const sdk = join(OUT_DIR, 'aws-sdk.mjs');
    writeFileSync(
      sdk,
      ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-eventbridge']
        .map((name) => `import '${name}';\n`)
        .join(''),
    );

    const sizes = new Map<FunctionName, number>();
    for (const name of FUNCTION_NAMES) {
      const outfile = join(OUT_DIR, `${name}.mjs`);
      const { metafile } = await build({
        ...esbuildOptionsFor(join(REPO_ROOT, 'functions', name, 'index.ts')),
        outfile,
        logLevel: 'silent',
        metafile: true,
      });
      sizes.set(name, statSync(outfile).size);
      const output = Object.values(metafile.outputs)[0];
      if (output) {
        const top = contributors(output)
          .slice(0, TOP_CONTRIBUTORS)
          .map(([source, bytes]) => `${source} ${kilobytes(bytes)}`);
        process.stderr.write(
          `bench: ${name} ${kilobytes(output.bytes)} (${sdkImports(output)}): ${top.join(', ')}\n`,
        );
      }
    }

    const loads = medianLoads(loader, [
      { key: 'empty', file: empty },
      ...FUNCTION_NAMES.map((name) => ({ key: name, file: join(OUT_DIR, `${name}.mjs`) })),
      { key: 'aws-sdk', file: sdk },
    ]);
    const baseline = loads.get('empty') as Load;
    const awsSdk = loads.get('aws-sdk') as Load;
    const figures: Figure[] = [
      measured(
        'bundles.emptyHandlerLoadMs',
        'empty handler: process start and load (ms)',
        Math.round(baseline.wallMs),
      ),
      measured('bundles.emptyHandlerImportMs', 'empty handler: import alone (ms)', round1(baseline.importMs)),
      measured(
        'bundles.emptyHandlerCpuMs',
        'empty handler: CPU time of the process (ms)',
        Math.round(baseline.cpuMs),
      ),
      measured(
        'bundles.awsSdk.loadMs',
        'AWS SDK clients (DynamoDB, EventBridge) alone: process start and load (ms)',
        Math.round(awsSdk.wallMs),
      ),
      measured(
        'bundles.awsSdk.loadRatio',
        'AWS SDK clients alone: load time / empty handler',
        round2(awsSdk.wallMs / baseline.wallMs),
      ),
    ];
    for (const name of FUNCTION_NAMES) {
      const load = loads.get(name) as Load;
      figures.push(
        atMost(
          250,
          measured(
            `bundles.${name}.kb`,
            `${name}: bundle size (KB, minified)`,
            Math.round((sizes.get(name) ?? 0) / 1024),
          ),
        ),
        measured(`bundles.${name}.loadMs`, `${name}: process start and load (ms)`, Math.round(load.wallMs)),
        measured(`bundles.${name}.importMs`, `${name}: import alone (ms)`, round1(load.importMs)),
        atMost(
          2,
          measured(
            `bundles.${name}.loadRatio`,
            `${name}: load time / empty handler`,
            round2(load.wallMs / baseline.wallMs),
          ),
        ),
        measured(
          `bundles.${name}.cpuRatio`,
          `${name}: load CPU time / empty handler`,
          round2(load.cpuMs / baseline.cpuMs),
        ),
      );
    }
    return figures;
  } finally {
    rmSync(OUT_DIR, { recursive: true, force: true });
  }
};

const round1 = (value: number) => Number(value.toFixed(1));
const round2 = (value: number) => Number(value.toFixed(2));
