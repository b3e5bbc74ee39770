/**
 * The template's functions, each run from its bundle in its own execution environment
 * (function-process.ts), all started together so that a bundle that fails to load stops the
 * runtime at once, naming the function.
 */
import type { FunctionName } from '../../stateless/service-function.js';
import type { FunctionBundle } from './function-bundles.js';
import { FunctionProcess } from './function-process.js';

export type Invoke = (name: FunctionName, event: unknown) => Promise<unknown>;

export interface LocalFunctions {
  readonly invoke: Invoke;
  stop(): Promise<void>;
}

export async function startFunctions(
  bundles: ReadonlyMap<FunctionName, FunctionBundle>,
  /** Set on every function, over its template environment: the local endpoints and switches. */
  overrides: Readonly<Record<string, string>>,
  log: (line: string) => void,
): Promise<LocalFunctions> {
  const processes = new Map(
    [...bundles].map(([name, bundle]) => [name, new FunctionProcess(bundle, overrides, log)]),
  );
  const stop = async () => {
    await Promise.all([...processes.values()].map((process) => process.stop()));
  };
  const started = await Promise.allSettled([...processes.values()].map((process) => process.start()));
  const failures = started.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as Error] : [],
  );
  if (failures.length > 0) {
    await stop();
    throw new Error(failures.map((error) => error.message).join('\n'));
  }
  return {
    invoke: (name, event) => {
      const process = processes.get(name);
      if (!process)
        return Promise.reject(new Error(`The template defines no Lambda function for functions/${name}`));
      return process.invoke(event);
    },
    stop,
  };
}
