/**
 * Dead-letter queues on this machine: what a queue's redrive policy or a function's asynchronous
 * failure destination would send to an SQS dead-letter queue is appended, one JSON line per
 * message (body and attributes), to `<folder>/<queue name>.jsonl`, where it can be read and
 * replayed by hand. Each line is synced before the work it ends is let go of, so a kill in between
 * may repeat a dead letter but never lose one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DeadLetters {
  constructor(
    readonly dir: string,
    /** A queue's local name from its logical id. */
    private readonly nameOf: (queueId: string) => string,
    private readonly log: (line: string) => void,
  ) {}

  /** Appends the message to the queue's file and says why it is there. */
  send(queueId: string, body: string, attributes: Record<string, string>, why: string): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${this.nameOf(queueId)}.jsonl`);
    const fd = openSync(file, 'a');
    try {
      writeSync(fd, `${JSON.stringify({ at: new Date().toISOString(), body, attributes })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.log(`[dlq] ${why}: sent to ${queueId} (${file})`);
  }
}
