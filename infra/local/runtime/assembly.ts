/**
 * The cloud assembly the local runtime runs: the CDK app synthesized with its bundles (esbuild on
 * this machine, exactly as for deployment) into `.local/assembly/<fingerprint>/`. Synthesis with
 * bundling takes tens of seconds, so an assembly is kept under a fingerprint of everything that
 * goes into it (the app's sources, cdk.json, the lock file, the stage) and made anew only when
 * that changes. It lives inside the repository so that the bundles' `@aws-sdk/*` imports (left
 * out of the bundles, as the Lambda runtime provides the SDK) resolve to node_modules.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CloudFormationTemplate } from '../../template/synth.js';

export interface CloudAssembly {
  readonly dir: string;
  readonly templates: Record<string, CloudFormationTemplate>;
  /** False when a kept assembly of the same sources was reused. */
  readonly synthesized: boolean;
}

export interface AssemblyOptions {
  /** Where assemblies are kept; default `.local/assembly` in the repository. */
  readonly root?: string;
  /** The app's default stage unless given. */
  readonly stage?: string;
  readonly log?: (line: string) => void;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What the synthesized app depends on. infra/local is the runtime, not part of the app. */
const INPUTS = [
  'console',
  'functions',
  'shared',
  'infra',
  'cdk.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];
const SKIPPED = new Set([
  'node_modules',
  'cdk.out',
  '.local',
  join('infra', 'local'),
  join('console', 'dist'),
]);
/** Assemblies kept besides the current one (a running runtime may still restart from one). */
const KEEP = 2;
const LOCK_STALE_MS = 5 * 60_000;

function fingerprint(stage: string | undefined): string {
  const hash = createHash('sha256').update(`stage=${stage ?? '(default)'}\n`);
  const visit = (path: string) => {
    const rel = relative(REPO_ROOT, path);
    if (SKIPPED.has(rel) || !existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    hash.update(`${rel}\n`).update(readFileSync(path)).update('\n');
  };
  for (const input of INPUTS) visit(join(REPO_ROOT, input));
  return hash.digest('hex').slice(0, 16);
}

/** The stacks' templates of an assembly folder, by stack name, as its manifest lists them. */
function readAssemblyTemplates(dir: string): Record<string, CloudFormationTemplate> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; properties?: { templateFile?: string; stackName?: string } }>;
  };
  const templates: Record<string, CloudFormationTemplate> = {};
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    templates[artifact.properties.stackName ?? id] = JSON.parse(
      readFileSync(join(dir, artifact.properties.templateFile), 'utf8'),
    ) as CloudFormationTemplate;
  }
  return templates;
}

const isComplete = (dir: string) => existsSync(join(dir, 'manifest.json'));

/** Waits while another process synthesizes the same sources (jest runs test files in parallel). */
async function lock(path: string): Promise<() => void> {
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > LOCK_STALE_MS)
        rmSync(path, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function prune(root: string, current: string): void {
  const others = readdirSync(root)
    .filter((name) => name !== current && !name.includes('.'))
    .map((name) => ({ name, at: statSync(join(root, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { name } of others.slice(KEEP)) rmSync(join(root, name), { recursive: true, force: true });
}

/** The assembly of the current sources: reused when kept, synthesized with bundling otherwise. */
export async function cloudAssembly(options: AssemblyOptions = {}): Promise<CloudAssembly> {
  const { stage } = options;
  const root = options.root ?? join(REPO_ROOT, '.local', 'assembly');
  const log = options.log ?? (() => undefined);
  mkdirSync(root, { recursive: true });
  const id = fingerprint(stage);
  const dir = join(root, id);
  if (isComplete(dir)) return { dir, templates: readAssemblyTemplates(dir), synthesized: false };

  const unlock = await lock(join(root, `${id}.lock`));
  try {
    if (isComplete(dir)) return { dir, templates: readAssemblyTemplates(dir), synthesized: false };
    log(`[synth] synthesizing the CDK app with its bundles (esbuild) into ${dir}`);
    const building = join(root, `${id}.${randomBytes(4).toString('hex')}.building`);
    try {
      // Loaded only when needed: the CDK app takes seconds to load, a kept assembly none.
      const { synthesizeTemplates } = await import('../../template/synth.js');
      // The templates as synthesis returns them: the same the assembly's files hold, not read again.
      const templates = synthesizeTemplates({ ...(stage ? { stage } : {}), bundle: true, outdir: building });
      rmSync(dir, { recursive: true, force: true });
      renameSync(building, dir);
      prune(root, id);
      return { dir, templates, synthesized: true };
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
  } finally {
    unlock();
  }
}
