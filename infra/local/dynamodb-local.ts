/**
 * DynamoDB Local: the jar that ships inside the `amplify-dynamodb-simulator` package, run by the
 * machine's Java (17 or later), in memory or persisted in a folder (`dbPath`, one shared database
 * whatever the credentials). The local runtime uses it, and so do the tests (see test/support).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

/** Extra JVM options, space-separated (e.g. `-Xmx2g`). */
export const DYNAMODB_LOCAL_JAVA_OPTS_ENV = 'DYNAMODB_LOCAL_JAVA_OPTS';

const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator';

export interface DynamoDbLocalFiles {
  /** The folder holding DynamoDBLocal.jar. */
  readonly dir: string;
  readonly jar: string;
  /** DynamoDBLocal_lib: the jar's dependencies and the sqlite4java native libraries. */
  readonly libDir: string;
}

/** Finds DynamoDBLocal.jar in the installed `amplify-dynamodb-simulator` package. */
export function findDynamoDbLocalJar(): DynamoDbLocalFiles {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve(`${SIMULATOR_PACKAGE}/package.json`);
  } catch {
    throw new Error(`DynamoDB Local: the package ${SIMULATOR_PACKAGE} is not installed (run npm ci)`);
  }
  const dir = join(dirname(packageJson), 'emulator');
  const files = { dir, jar: join(dir, 'DynamoDBLocal.jar'), libDir: join(dir, 'DynamoDBLocal_lib') };
  for (const path of [files.jar, files.libDir]) {
    if (!existsSync(path)) throw new Error(`DynamoDB Local: ${path} is missing from ${SIMULATOR_PACKAGE}`);
  }
  return files;
}

/**
 * The Java launcher: $JAVA_HOME/bin/java where JAVA_HOME is set, else `java` from PATH.
 * Throws a clear error when there is none.
 */
export function findJava(): string {
  const home = process.env.JAVA_HOME;
  const candidates = [
    ...(home ? [join(home, 'bin', 'java')] : []),
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'java')),
  ];
  const java = candidates.find(isExecutable);
  if (!java) {
    throw new Error(
      'DynamoDB Local needs Java 17 or later, but no `java` was found on PATH or in JAVA_HOME: install a ' +
        'Java runtime (e.g. OpenJDK 17) or set JAVA_HOME',
    );
  }
  return java;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * On Linux, util-linux's `setpriv --pdeathsig KILL` runs the JVM so that the kernel kills it when
 * the process that started it dies in any way (even SIGKILL), where no exit handler runs.
 */
function parentDeathWrapper(): string[] {
  if (process.platform !== 'linux') return [];
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find(isExecutable);
  return setpriv ? [setpriv, '--pdeathsig', 'KILL', '--'] : [];
}

/** A TCP port that is free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** The JVM's stdout and stderr. */
  readonly logFile: string;
  /** Scratch folder of this instance (holds the log), removed by stop(). */
  readonly runDir: string;
  /** Resolves once DynamoDB Local answers requests. */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops the JVM (SIGTERM, then SIGKILL) and removes runDir. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Default: a free port chosen now. */
  readonly port?: number;
  /** Wait until it answers before resolving (default true). */
  readonly waitUntilReady?: boolean;
  readonly readyTimeoutMs?: number;
  /** The Java launcher; default: findJava(). */
  readonly java?: string;
  /** Persist the data in this folder (created if missing); default: in memory. */
  readonly dbPath?: string;
}

const DEFAULT_READY_TIMEOUT_MS = 60_000;

/** Starts DynamoDB Local (in memory unless `dbPath` is given). Rejects at once, clearly, when Java cannot be run. */
export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  const java = options.java ?? findJava();
  if (!isExecutable(java))
    throw new Error(`DynamoDB Local needs Java 17 or later, but ${java} cannot be run`);
  const files = findDynamoDbLocalJar();
  const port = options.port ?? (await freePort());
  const endpoint = `http://127.0.0.1:${port}`;
  const runDir = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
  const logFile = join(runDir, 'dynamodb-local.log');
  // The JVM runs in the jar's folder: a relative path would land there.
  const dbPath = options.dbPath ? resolve(options.dbPath) : undefined;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const javaOpts = (process.env[DYNAMODB_LOCAL_JAVA_OPTS_ENV] ?? '').split(' ').filter(Boolean);
  const [command = java, ...args] = [
    ...parentDeathWrapper(),
    java,
    ...javaOpts,
    `-Djava.library.path=${files.libDir}`,
    '-jar',
    files.jar,
    ...(dbPath ? ['-dbPath', dbPath, '-sharedDb'] : ['-inMemory']),
    '-disableTelemetry',
    '-port',
    String(port),
  ];

  // Same process group as the caller (no `detached`): a Ctrl-C in the terminal reaches the JVM too.
  // Output goes to a file, so nothing has to drain a pipe.
  const logFd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: files.dir, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (error) {
    rmSync(runDir, { recursive: true, force: true });
    throw new Error(`DynamoDB Local: could not run ${command}: ${(error as Error).message}`);
  }
  const pid = child.pid as number;

  // If the caller exits without stopping it (process.exit, an error), take the JVM along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.unref();

  let stopped: Promise<void> | undefined;
  const instance: DynamoDbLocal = {
    endpoint,
    port,
    pid,
    logFile,
    runDir,
    ready: (timeoutMs = DEFAULT_READY_TIMEOUT_MS) =>
      waitForDynamoDbLocal(endpoint, { timeoutMs, pid, logFile }),
    stop: () => {
      stopped ??= stopChild(child).finally(() => {
        process.removeListener('exit', killOnExit);
        rmSync(runDir, { recursive: true, force: true });
      });
      return stopped;
    },
  };

  if (options.waitUntilReady ?? true) {
    try {
      await instance.ready(options.readyTimeoutMs);
    } catch (error) {
      await instance.stop();
      throw error;
    }
  }
  return instance;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function logTail(logFile: string | undefined): string {
  if (!logFile) return '';
  try {
    const text = readFileSync(logFile, 'utf8').trim();
    return text ? `\n--- DynamoDB Local output (${logFile}) ---\n${text.slice(-4000)}` : '';
  } catch {
    return '';
  }
}

export interface WaitOptions {
  readonly timeoutMs?: number;
  /** The JVM's pid, when known: waiting stops at once if it has died. */
  readonly pid?: number;
  /** The JVM's output, quoted in the error. */
  readonly logFile?: string;
}

/**
 * Resolves once the endpoint answers as DynamoDB does (any HTTP response that carries
 * `x-amzn-RequestId`, which an unrelated server on a reused port would not send).
 */
export async function waitForDynamoDbLocal(endpoint: string, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  for (;;) {
    try {
      const response = await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.headers.has('x-amzn-requestid')) return;
      lastError = `HTTP ${response.status} without x-amzn-RequestId: is another server on that port?`;
    } catch (error) {
      lastError = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    }
    if (options.pid !== undefined && !isAlive(options.pid)) {
      throw new Error(
        `DynamoDB Local (pid ${options.pid}) exited before answering${logTail(options.logFile)}`,
      );
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `DynamoDB Local at ${endpoint} did not answer within ${timeoutMs} ms (${lastError})${logTail(options.logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
