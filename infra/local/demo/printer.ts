/**
 * The demo's timeline as people read it: each step with what was sent and answered, then what the
 * service decided, read back through the operator API; and the notifications it wrote.
 */
import type { OrderDetail, Reply, StockLevels } from './http-client.js';
import { text } from './http-client.js';
import type { OutboxNotification } from './outbox-reader.js';

export type Write = (line: string) => void;

/** Local wall-clock time, as the person running the demo reads it. */
const clock = (at: Date = new Date()): string => at.toTimeString().slice(0, 8);
const INDENT = '       ';
const MAX_BODY = 160;

const shorten = (value: string, max = MAX_BODY): string =>
  value.length > max ? `${value.slice(0, max - 1)}…` : value;

type OrderView = OrderDetail['order'];
type LineView = OrderView['lines'][number];

const lineSummary = (line: LineView): string =>
  line.sku === null
    ? `${line.title ?? line.lineId} ×${line.quantity} (no SKU: not stock-managed)`
    : `${line.sku} ${line.allocated}/${line.quantity}`;

export class Printer {
  constructor(private readonly write: Write) {}

  heading(lines: readonly string[]): void {
    for (const line of lines) this.write(line);
  }

  step(number: number, title: string): void {
    this.write('');
    this.write(`${String(number).padStart(2)}. ${clock()}  ${title}`);
  }

  /** What was sent and what the service answered. */
  exchange(reply: Reply, note = ''): void {
    this.write(`${INDENT}→ ${reply.request}${note ? ` (${note})` : ''}`);
    this.write(`${INDENT}← ${reply.status} ${shorten(text(reply.body ?? ''))}`);
  }

  /** An order as the operator API shows it, with the reasons of its latest decision. */
  order(detail: OrderDetail, options: { family?: boolean } = {}): void {
    const { order, family, history } = detail;
    const fillable = order.fillable ? ', fillable: waiting for manual review' : '';
    this.write(
      `${INDENT}${order.orderId}: ${order.status}${fillable}  [${order.lines.map(lineSummary).join(', ')}]`,
    );
    for (const reason of history.at(-1)?.reasons ?? []) this.write(`${INDENT}    why: ${reason}`);
    if (!options.family) return;
    if (family.parent)
      this.write(`${INDENT}    split from ${family.parent.orderId} (${family.parent.status})`);
    for (const backorder of family.backorders)
      this.write(`${INDENT}    backorder ${backorder.orderId} (${backorder.status})`);
  }

  stock(levels: StockLevels): void {
    const { onHand, allocated, available } = levels.total;
    this.write(
      `${INDENT}stock ${levels.sku}: on hand ${onHand}, allocated ${allocated}, available ${available}`,
    );
  }

  note(line: string): void {
    this.write(`${INDENT}${line}`);
  }

  notifications(outboxDir: string, notifications: readonly OutboxNotification[]): void {
    this.write('');
    this.write(`Notifications of this run (${notifications.length}, from ${outboxDir}):`);
    for (const notification of notifications) {
      const what = notification.kind === 'email' ? `"${notification.subject}"` : notification.text;
      this.write(
        `  ${clock(notification.at)}  ${notification.kind.padEnd(5)} to ${notification.to}: ${what}`,
      );
    }
  }
}
