/**
 * The data folder's lock: one runtime at a time holds it, it names the URL the CLI reaches the
 * runtime at, and a lock left by a runtime that was killed is stale and taken over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  acquireRuntimeLock,
  DataFolderBusyError,
  lockFileOf,
  runningRuntime,
} from '../../../../infra/local/runtime/runtime-lock.js';

const root = mkdtempSync(join(tmpdir(), 'runtime-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = () => {
  const dir = join(root, String(folders++));
  mkdirSync(dir);
  return dir;
};

/** The pid of a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('the runtime lock', () => {
  it('is held by one runtime at a time and names the URL it serves', () => {
    const dir = folder();
    const lock = acquireRuntimeLock(dir, new Date('2026-12-05T10:00:00Z'));
    expect(runningRuntime(dir)).toEqual({ pid: process.pid, startedAt: '2026-12-05T10:00:00.000Z' });
    lock.serving('http://127.0.0.1:4321', 4321);
    expect(runningRuntime(dir)).toEqual({
      pid: process.pid,
      startedAt: '2026-12-05T10:00:00.000Z',
      url: 'http://127.0.0.1:4321',
      port: 4321,
    });
    expect(() => acquireRuntimeLock(dir)).toThrow(DataFolderBusyError);
    lock.release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
    expect(runningRuntime(dir)).toBeUndefined();
  });

  it('takes over a lock whose runtime is dead', () => {
    const dir = folder();
    const pid = deadPid();
    writeFileSync(
      lockFileOf(dir),
      JSON.stringify({ pid, startedAt: '2026-12-05T09:00:00.000Z', port: 3000 }),
    );
    expect(runningRuntime(dir)).toBeUndefined();
    const lock = acquireRuntimeLock(dir);
    expect(JSON.parse(readFileSync(lockFileOf(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock cut short while it was written', () => {
    const dir = folder();
    writeFileSync(lockFileOf(dir), '{"pid":');
    const lock = acquireRuntimeLock(dir);
    expect(runningRuntime(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('does not remove a lock another runtime took over', () => {
    const dir = folder();
    const lock = acquireRuntimeLock(dir);
    const other = { pid: process.ppid, startedAt: '2026-12-05T11:00:00.000Z' };
    writeFileSync(lockFileOf(dir), JSON.stringify(other));
    lock.release();
    expect(runningRuntime(dir)).toEqual(other);
  });
});
