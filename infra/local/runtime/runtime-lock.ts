/**
 * The lock a running runtime holds on its data folder: `<data folder>/runtime.lock`, a JSON
 * record of its pid, when it started and, once it serves HTTP, its URL. Only one runtime opens a
 * data folder's DynamoDB Local files at a time; the local CLI finds the running service by it
 * rather than by guessing a port. A lock whose pid is no longer alive (a runtime that was killed)
 * is stale and is taken over.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface RuntimeLockRecord {
  readonly pid: number;
  readonly startedAt: string;
  /** `http://host:port` once it serves HTTP; absent for a runtime without HTTP (a one-off sweep). */
  readonly url?: string;
  readonly port?: number;
}

export interface RuntimeLock {
  readonly file: string;
  /** Records the HTTP address the runtime serves. */
  serving(url: string, port: number): void;
  /** Removes the lock (only if it is still this process's). */
  release(): void;
}

/** The data folder is held by a runtime that is alive. */
export class DataFolderBusyError extends Error {
  constructor(
    readonly file: string,
    readonly holder: RuntimeLockRecord,
  ) {
    super(
      `${file} is held by a running runtime (pid ${holder.pid}, started ${holder.startedAt}` +
        `${holder.url ? `, serving ${holder.url}` : ''}): stop it first, or use another data folder`,
    );
    this.name = 'DataFolderBusyError';
  }
}

export const lockFileOf = (dataDir: string): string => join(dataDir, 'runtime.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readRecord(file: string): RuntimeLockRecord | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const record = JSON.parse(text) as RuntimeLockRecord;
    return Number.isInteger(record.pid) ? record : { pid: 0, startedAt: '' };
  } catch {
    // Cut short while it was written: its writer died before holding anything.
    return { pid: 0, startedAt: '' };
  }
}

/** The runtime that holds the data folder, if one does and it is alive. */
export function runningRuntime(dataDir: string): RuntimeLockRecord | undefined {
  const record = readRecord(lockFileOf(dataDir));
  return record && record.pid > 0 && isAlive(record.pid) ? record : undefined;
}

const writeRecord = (fd: number, record: RuntimeLockRecord) => {
  writeSync(fd, `${JSON.stringify(record)}\n`);
  fsyncSync(fd);
};

/** Takes the data folder's lock, taking over a stale one; throws DataFolderBusyError if it is held. */
export function acquireRuntimeLock(dataDir: string, now = new Date()): RuntimeLock {
  const file = lockFileOf(dataDir);
  const record: RuntimeLockRecord = { pid: process.pid, startedAt: now.toISOString() };
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readRecord(file);
      if (holder && holder.pid > 0 && isAlive(holder.pid)) throw new DataFolderBusyError(file, holder);
      // Stale: its runtime is gone. Another starter may take it over at the same moment, hence `wx` again.
      if (attempt > 0 && holder) throw new DataFolderBusyError(file, holder);
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeRecord(fd, record);
    } finally {
      closeSync(fd);
    }
    let current = record;
    const ours = () => readRecord(file)?.pid === process.pid;
    return {
      file,
      serving: (url, port) => {
        current = { ...current, url, port };
        const temporary = `${file}.${process.pid}`;
        const out = openSync(temporary, 'w');
        try {
          writeRecord(out, current);
        } finally {
          closeSync(out);
        }
        renameSync(temporary, file);
      },
      release: () => {
        if (ours()) rmSync(file, { force: true });
      },
    };
  }
}
