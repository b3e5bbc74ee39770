/**
 * What the local bus, queues and Lambda's asynchronous invocation hold (messages not yet
 * deleted, invocations not yet done, each with its receive or attempt count and the time it is
 * due), kept on disk as an append-only journal of JSON lines, so that a runtime killed at any
 * moment delivers it after a restart, at least once, as AWS would.
 *
 * Each write is appended and fsync'd before it is acknowledged; writes that arrive while one is
 * being synced share the next sync (group commit), so a burst costs a few syncs, not one each.
 * Opening the journal reads it back (a torn last line, from a kill in the middle of a write, is
 * ignored: its writer was never told it was kept), and rewrites it with only what is still held.
 * A journal that has grown large is compacted the same way while it runs.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FunctionName } from '../../stateless/service-function.js';

/** A message of a queue, from its send until it is deleted or dead-lettered. */
export interface HeldMessage {
  readonly kind: 'message';
  readonly id: string;
  readonly queueId: string;
  readonly body: string;
  readonly sentAt: number;
  readonly receiveCount: number;
  /** When it is visible (epoch ms): at once when sent, after the visibility timeout when received. */
  readonly dueAt: number;
}

/** An asynchronous invocation, from its acceptance until it succeeds or its failure is handed over. */
export interface HeldInvocation {
  readonly kind: 'invocation';
  readonly id: string;
  readonly fn: FunctionName;
  readonly event: unknown;
  readonly origin: string;
  /** Attempts that failed so far. */
  readonly attempts: number;
  readonly dueAt: number;
}

export type HeldWork = HeldMessage | HeldInvocation;

/** What changes while work is held: counts and due time. */
export type HeldWorkChange = Partial<
  Pick<HeldMessage, 'receiveCount' | 'dueAt'> & Pick<HeldInvocation, 'attempts'>
>;

type JournalRecord =
  | { op: 'add'; work: HeldWork }
  | { op: 'set'; id: string; change: HeldWorkChange }
  | { op: 'done'; id: string };

/** Where held work is recorded; the runtime's is a file (WorkJournal). */
export interface WorkLog {
  add(work: HeldWork): Promise<void>;
  change(id: string, change: HeldWorkChange): Promise<void>;
  done(id: string): Promise<void>;
}

/** Compacts while running once this much was appended since the last compaction. */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

/** Replays the journal's lines; an unreadable line (a torn last write) is skipped. */
export function replayJournal(text: string): { held: Map<string, HeldWork>; skipped: number } {
  const held = new Map<string, HeldWork>();
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      skipped++;
      continue;
    }
    if (record.op === 'add') held.set(record.work.id, record.work);
    else if (record.op === 'done') held.delete(record.id);
    else {
      const work = held.get(record.id);
      if (work) held.set(record.id, { ...work, ...record.change } as HeldWork);
    }
  }
  return { held, skipped };
}

const lineOf = (record: JournalRecord): string => `${JSON.stringify(record)}\n`;

/** Writes `text` to `file` durably: a synced temporary file renamed over it, then the folder synced. */
function replaceDurably(file: string, text: string): void {
  const temporary = `${file}.compacting`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  const folder = openSync(dirname(file), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

const snapshotOf = (held: ReadonlyMap<string, HeldWork>): string =>
  [...held.values()].map((work) => lineOf({ op: 'add', work })).join('');

export class WorkJournal implements WorkLog {
  private batch: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private writing: Promise<void> | undefined;
  private appendedBytes = 0;
  private closed = false;

  private constructor(
    private readonly file: string,
    private handle: FileHandle,
    /** What is held now, kept in step with the file, for compaction. */
    private readonly held: Map<string, HeldWork>,
    /** What was held when the journal was opened: the work a restart resumes. */
    readonly recovered: readonly HeldWork[],
    private readonly compactAfterBytes: number,
  ) {}

  /** Reads the journal back (missing: nothing held), compacts it, and opens it for appending. */
  static async open(
    file: string,
    options: { log?: (line: string) => void; compactAfterBytes?: number } = {},
  ): Promise<WorkJournal> {
    const log = options.log ?? (() => undefined);
    mkdirSync(dirname(file), { recursive: true });
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { held, skipped } = replayJournal(text);
    if (skipped > 0) log(`[journal] ${file}: skipped ${skipped} unreadable line(s) (a write cut short)`);
    replaceDurably(file, snapshotOf(held));
    const handle = await open(file, 'a');
    return new WorkJournal(
      file,
      handle,
      held,
      [...held.values()],
      options.compactAfterBytes ?? COMPACT_AFTER_BYTES,
    );
  }

  add(work: HeldWork): Promise<void> {
    this.held.set(work.id, work);
    return this.append({ op: 'add', work });
  }

  change(id: string, change: HeldWorkChange): Promise<void> {
    const work = this.held.get(id);
    if (work) this.held.set(id, { ...work, ...change } as HeldWork);
    return this.append({ op: 'set', id, change });
  }

  done(id: string): Promise<void> {
    this.held.delete(id);
    return this.append({ op: 'done', id });
  }

  /** What is held now (for the runtime's status and tests). */
  get size(): number {
    return this.held.size;
  }

  /** Waits for the writes in progress, then closes the file; later writes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.writing;
    await this.handle.close();
  }

  private append(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`The work journal ${this.file} is closed`));
    return new Promise((resolve, reject) => {
      this.batch.push(lineOf(record));
      this.waiters.push({ resolve, reject });
      this.writing ??= this.writeBatches();
    });
  }

  private async writeBatches(): Promise<void> {
    while (this.batch.length > 0) {
      const text = this.batch.splice(0).join('');
      const waiters = this.waiters.splice(0);
      try {
        await this.handle.appendFile(text, 'utf8');
        await this.handle.datasync();
        this.appendedBytes += Buffer.byteLength(text);
        if (this.appendedBytes > this.compactAfterBytes) await this.compact();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error as Error);
      }
    }
    // Cleared in the same turn as the last check of the batch, so a write queued after it starts anew.
    this.writing = undefined;
  }

  /** Rewrites the file with what is held now; runs between batches, so no write is in progress. */
  private async compact(): Promise<void> {
    await this.handle.close();
    replaceDurably(this.file, snapshotOf(this.held));
    this.handle = await open(this.file, 'a');
    this.appendedBytes = 0;
  }
}
