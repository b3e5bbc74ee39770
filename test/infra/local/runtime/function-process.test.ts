/**
 * A function's execution environment: a child process that loads a bundle with only the
 * environment Lambda would give it (the template's variables, the reserved ones, the local
 * overrides, nothing of this process's), answers invocations with a Lambda context, reports the
 * handler's error, and is replaced after a timeout or a crash.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { FunctionBundle } from '../../../../infra/local/runtime/function-bundles.js';
import { FunctionProcess } from '../../../../infra/local/runtime/function-process.js';

const HANDLER = `
let invocations = 0;
const loadedWith = process.env.TABLE_NAME;
export const handler = async (event, context) => {
  invocations++;
  if (event.throw) throw new TypeError(event.throw);
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  if (event.exit) process.exit(event.exit);
  return {
    invocations,
    loadedWith,
    env: Object.fromEntries(['TABLE_NAME', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_REGION', 'AWS_ENDPOINT_URL_SNS', 'PARENT_ONLY'].map((name) => [name, process.env[name]])),
    functionName: context.functionName,
    remaining: context.getRemainingTimeInMillis(),
  };
};
export const callbackStyle = (event, context, callback) => callback(null, { echo: event });
`;

let dir: string;
const logs: string[] = [];

const bundleOf = (exportName: string, file = 'index.mjs'): FunctionBundle => ({
  logicalId: 'FunctionssweepFunction12345678',
  name: 'sweep',
  functionName: 'local-sweep',
  dir,
  file: join(dir, file),
  exportName,
  environment: { TABLE_NAME: 'BackorderTable' },
  timeoutMs: 1_000,
  memoryMb: 256,
  runtime: 'nodejs24.x',
});

const started: FunctionProcess[] = [];
const environment = (exportName = 'handler', file?: string) => {
  const process = new FunctionProcess(
    bundleOf(exportName, file),
    { AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:9' },
    (line) => logs.push(line),
  );
  started.push(process);
  return process;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'function-process-'));
  writeFileSync(join(dir, 'index.mjs'), HANDLER);
  writeFileSync(join(dir, 'broken.mjs'), 'console.log("loading"); throw new Error("no config");');
  process.env.PARENT_ONLY = 'secret of the runtime process';
});

afterAll(async () => {
  await Promise.all(started.map((process) => process.stop()));
  delete process.env.PARENT_ONLY;
  rmSync(dir, { recursive: true, force: true });
});

test('runs the handler with its own environment and a Lambda context', async () => {
  const fn = environment();
  await expect(fn.invoke({})).resolves.toEqual({
    invocations: 1,
    loadedWith: 'BackorderTable',
    env: {
      TABLE_NAME: 'BackorderTable',
      AWS_LAMBDA_FUNCTION_NAME: 'local-sweep',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_SNS: 'http://127.0.0.1:9',
    },
    functionName: 'local-sweep',
    remaining: expect.any(Number),
  });
  await expect(environment('callbackStyle').invoke({ a: 1 })).resolves.toEqual({ echo: { a: 1 } });
});

test("reports the handler's error and keeps the environment", async () => {
  const fn = environment();
  await expect(fn.invoke({ throw: 'bad input' })).rejects.toThrow('local-sweep: TypeError: bad input');
  await expect(fn.invoke({})).resolves.toMatchObject({ invocations: 2 });
});

test('an invocation past the timeout fails and the next one runs in a fresh environment', async () => {
  const fn = environment();
  await fn.invoke({});
  await expect(fn.invoke({ sleepMs: 5_000 })).rejects.toThrow('Task timed out after 1 seconds');
  await expect(fn.invoke({})).resolves.toMatchObject({ invocations: 1 });
});

test('a crash fails the invocation in flight, and the next one starts anew', async () => {
  const fn = environment();
  await expect(fn.invoke({ exit: 3 })).rejects.toThrow(/exited \(code 3\)/);
  await expect(fn.invoke({})).resolves.toMatchObject({ invocations: 1 });
});

test('a bundle that fails to load is an error naming the function, with its output', async () => {
  const error = await environment('handler', 'broken.mjs')
    .start()
    .catch((e: Error) => e);
  expect((error as Error).message).toMatch(/^local-sweep could not load .*broken\.mjs: Error: no config/);
  expect(logs).toContain('[sweep] loading');
  await expect(environment('missing').start()).rejects.toThrow('does not export a function missing');
});
