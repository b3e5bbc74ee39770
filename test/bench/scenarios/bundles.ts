import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_SETTINGS } from '../../../infra/stateless/bundling.js';
import { FUNCTION_NAMES, REPO_ROOT } from '../../../infra/stateless/service-function.js';
import { atMost, type Figure, measured } from '../figures.js';

const LOADS = 7;
// Inside the repository, so the bundles' external AWS SDK resolves from node_modules as the runtime provides it.
const OUT_DIR = join(REPO_ROOT, '.local', 'bench-bundles');

/** Median wall time (ms) of a fresh Node process importing `file` and nothing else. */
const loadTime = (file: string): number => {
  const times: number[] = [];
  for (let run = 0; run < LOADS; run++) {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, TABLE_NAME: 'bench', EVENT_BUS_NAME: 'bench', AWS_REGION: 'us-east-1' },
      },
    );
    times.push(Number(out.trim()));
  }
  return times.sort((a, b) => a - b)[Math.floor(LOADS / 2)] as number;
};

/**
 * Each function bundled exactly as the stack bundles it: its size, and the time a cold process
 * takes to load it, as a ratio to loading an empty handler (DESIGN §8).
 */
export const functionBundles = async (): Promise<Figure[]> => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    const empty = join(OUT_DIR, 'empty.mjs');
    writeFileSync(empty, 'export const handler = async () => ({});\n');
    const baseline = loadTime(empty);
    const figures: Figure[] = [
      measured(
        'bundles.emptyHandlerLoadMs',
        'empty handler: process start and load (ms)',
        Math.round(baseline),
      ),
    ];
    for (const name of FUNCTION_NAMES) {
      const outfile = join(OUT_DIR, `${name}.mjs`);
      await build({
        entryPoints: [join(REPO_ROOT, 'functions', name, 'index.ts')],
        bundle: true,
        format: 'esm',
        outfile,
        logLevel: 'silent',
        ...BUNDLE_SETTINGS,
        mainFields: [...BUNDLE_SETTINGS.mainFields],
        external: [...BUNDLE_SETTINGS.external],
        banner: { js: BUNDLE_SETTINGS.banner },
      });
      const kb = statSync(outfile).size / 1024;
      figures.push(
        atMost(250, measured(`bundles.${name}.kb`, `${name}: bundle size (KB, minified)`, Math.round(kb))),
      );
      const ratio = loadTime(outfile) / baseline;
      figures.push(
        atMost(
          2,
          measured(
            `bundles.${name}.loadRatio`,
            `${name}: load time / empty handler`,
            Number(ratio.toFixed(2)),
          ),
        ),
      );
    }
    return figures;
  } finally {
    rmSync(OUT_DIR, { recursive: true, force: true });
  }
};
