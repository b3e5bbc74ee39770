/**
 * One function's execution environment: a child process running lambda-host.mjs on its bundle,
 * with the environment Lambda would give it (the template's variables, the reserved AWS_LAMBDA_*
 * ones, dummy credentials) plus the local endpoints. A process of its own, rather than a module
 * of this one, because bundles read their environment when they load and on first use, and
 * process.env is one per process: each function gets its own, as on Lambda, and a crash or a
 * hang takes down only its own environment. Invocations are multiplexed over the IPC channel
 * (Lambda would run concurrent ones in separate environments; these handlers keep no state
 * between invocations but their clients). An invocation past the function's timeout fails, and
 * the environment is replaced, as Lambda does.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FunctionBundle } from './function-bundles.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-account.js';

const HOST = fileURLToPath(new URL('./lambda-host.mjs', import.meta.url));
const STOP_GRACE_MS = 2_000;

type HostMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: { name: string; message: string; stack?: string } }
  | { type: 'result'; id: number; result?: unknown }
  | { type: 'error'; id: number; error: { name: string; message: string; stack?: string } };

interface Call {
  /** The environment it runs in: a crash fails its own calls only. */
  child: ChildProcess;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** The error a handler threw, as its environment reported it. */
export class FunctionError extends Error {
  constructor(functionName: string, error: { name: string; message: string; stack?: string }) {
    super(`${functionName}: ${error.name}: ${error.message}`);
    this.name = 'FunctionError';
    if (error.stack) this.stack = error.stack;
  }
}

/** What Lambda sets in every environment, which the template cannot override. */
export function lambdaEnvironment(bundle: FunctionBundle): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    AWS_LAMBDA_FUNCTION_NAME: bundle.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(bundle.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${bundle.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: 'local',
    AWS_EXECUTION_ENV: `AWS_Lambda_${bundle.runtime}`,
    LAMBDA_TASK_ROOT: bundle.dir,
    TZ: 'UTC',
  };
}

export class FunctionProcess {
  private child: ChildProcess | undefined;
  private starting: Promise<ChildProcess> | undefined;
  private readonly calls = new Map<number, Call>();
  private nextId = 0;
  private stopped = false;

  constructor(
    readonly bundle: FunctionBundle,
    /** Set last: the local endpoints and switches. */
    private readonly overrides: Readonly<Record<string, string>>,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts the environment (loads the bundle) unless it runs; rejects when the bundle fails to load. */
  async start(): Promise<void> {
    await this.ensureStarted();
  }

  async invoke(event: unknown): Promise<unknown> {
    const child = await this.ensureStarted();
    const id = this.nextId++;
    const { functionName, timeoutMs } = this.bundle;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new Error(`${functionName}: Task timed out after ${timeoutMs / 1000} seconds`));
        this.reset(child, 'timed out');
      }, timeoutMs);
      this.calls.set(id, { child, resolve, reject, timer });
      const message = {
        type: 'invoke',
        id,
        event,
        context: {
          awsRequestId: randomUUID(),
          deadline: Date.now() + timeoutMs,
          invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`,
        },
      };
      // The environment may be gone by now (a crash): then the call fails, not this process.
      child.send(message, (error) => {
        if (error) this.fail(id, new Error(`${functionName}: its environment is gone: ${error.message}`));
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child ?? (await this.starting?.catch(() => undefined));
    if (child) await this.reset(child, 'stopped');
  }

  private ensureStarted(): Promise<ChildProcess> {
    if (this.stopped) return Promise.reject(new Error(`${this.bundle.functionName}: the runtime is stopped`));
    if (this.child) return Promise.resolve(this.child);
    this.starting ??= this.spawn().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private spawn(): Promise<ChildProcess> {
    const { bundle } = this;
    const child = fork(HOST, [bundle.file, bundle.exportName], {
      cwd: bundle.dir,
      // Only what Lambda would provide: nothing leaks in from this process's environment.
      env: {
        PATH: process.env.PATH ?? '',
        ...bundle.environment,
        ...lambdaEnvironment(bundle),
        ...this.overrides,
      },
      // Plain Node: no TypeScript loader or test flags of this process.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const output: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (output.length > 20) output.shift();
        this.log(`[${bundle.name}] ${line}`);
      });
    }
    return new Promise((resolve, reject) => {
      child.on('message', (message: HostMessage) => {
        if (message.type === 'ready') {
          this.child = child;
          resolve(child);
        } else if (message.type === 'init-error') {
          reject(new FunctionError(`${bundle.functionName} could not load ${bundle.file}`, message.error));
        } else this.settle(message);
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        const reason = `${bundle.functionName}: its environment exited (${signal ?? `code ${code}`})`;
        reject(
          new Error(`${reason} while loading its bundle${output.length ? `:\n${output.join('\n')}` : ''}`),
        );
        if (this.child === child) {
          this.child = undefined;
          if (!this.stopped) this.log(`[${bundle.name}] ${reason}; the next invocation starts a new one`);
        }
        for (const [id, call] of this.calls) if (call.child === child) this.fail(id, new Error(reason));
      });
    });
  }

  /** The call, no longer pending: its timer is cleared. */
  private take(id: number): Call | undefined {
    const call = this.calls.get(id);
    if (!call) return undefined;
    this.calls.delete(id);
    clearTimeout(call.timer);
    return call;
  }

  private fail(id: number, error: Error): void {
    this.take(id)?.reject(error);
  }

  private settle(message: Extract<HostMessage, { id: number }>): void {
    const call = this.take(message.id);
    if (message.type === 'result') call?.resolve(message.result);
    else call?.reject(new FunctionError(this.bundle.functionName, message.error));
  }

  /** Ends an environment (a timeout, a stop); the next invocation starts a fresh one. */
  private reset(child: ChildProcess, why: string): Promise<void> {
    if (this.child === child) this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    if (!this.stopped)
      this.log(`[${this.bundle.name}] environment ${why}: starting a new one on the next invocation`);
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
