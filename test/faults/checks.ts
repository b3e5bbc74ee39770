/**
 * What a run must hold when it is over. Safety: DESIGN §4's invariants and the adapter's
 * bookkeeping, and every accepted request applied exactly once (stock on hand, the orders, their
 * cancellations and the people's acts as in the fault-free reference run). Liveness (DESIGN §11,
 * after one sweep with no new input): no order waits for stock that is available, no reservation
 * or due timer is left, no publishable outbox entry, every accepted order decided, nothing
 * dead-lettered, every notifiable event the run stored notified.
 */
import type { Item } from '../../shared/adapters/dynamodb/items.js';
import { OUTBOX_SET_ASIDE_PARTITION } from '../../shared/adapters/dynamodb/keys.js';
import { shortLines } from '../../shared/domain/order.js';
import { availableOf } from '../../shared/domain/stock.js';
import type { OutgoingEvent } from '../../shared/events/outgoing-events.js';
import { isNotifiableDetailType } from '../../shared/notifications/notifiable-events.js';
import { reservationsOf, type StoredState, storedStateProblems } from '../support/stored-state.js';

/** The parts of a finished run that are compared with the reference. */
export interface Outcome {
  /** `<warehouse>/<sku>` → `[onHand, allocated]`. */
  readonly stock: Record<string, [number, number]>;
  /** orderId → `<status> <sku>:<allocated>/<quantity>…`. */
  readonly orders: Record<string, string>;
  /** orderId → how many history entries a person made (each act applied once). */
  readonly acts: Record<string, number>;
  /** `<eventType> <subject>` of every notification sent, with its count. */
  readonly notifications: Record<string, number>;
  /** label → HTTP status of the last answer. */
  readonly answers: Record<string, number>;
}

export const outcomeOf = (
  state: StoredState,
  answers: ReadonlyMap<string, { status: number }>,
  notifications: ReadonlyArray<{ subject?: string; attributes: Record<string, { StringValue?: string }> }>,
): Outcome => {
  const stock: Outcome['stock'] = {};
  for (const level of state.stock)
    stock[`${level.warehouseId}/${level.sku}`] = [level.onHand, level.allocated];
  const orders: Outcome['orders'] = {};
  for (const order of state.orders)
    orders[order.orderId] =
      `${order.status} ${order.lines.map((l) => `${l.sku}:${l.allocated}/${l.quantity}`).join(' ')}`;
  const acts: Outcome['acts'] = {};
  for (const entry of state.history) {
    if (entry.actor.kind !== 'person') continue;
    acts[entry.orderId] = (acts[entry.orderId] ?? 0) + 1;
  }
  const sent: Outcome['notifications'] = {};
  for (const message of notifications) {
    const key = `${message.attributes.eventType?.StringValue ?? '?'} ${message.subject ?? ''}`;
    sent[key] = (sent[key] ?? 0) + 1;
  }
  return {
    stock,
    orders,
    acts,
    notifications: sent,
    answers: Object.fromEntries([...answers].map(([label, answer]) => [label, answer.status])),
  };
};

/** Safety against the reference: what was applied, applied exactly once. */
export const exactlyOnceProblems = (run: Outcome, reference: Outcome): string[] => {
  const problems: string[] = [];
  const keys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys(run.stock, reference.stock)) {
    if (run.stock[key]?.[0] !== reference.stock[key]?.[0])
      problems.push(`onHand of ${key}: ${run.stock[key]?.[0]} (reference ${reference.stock[key]?.[0]})`);
  }
  for (const key of keys(run.orders, reference.orders)) {
    const [mine, theirs] = [run.orders[key], reference.orders[key]];
    if (!mine || !theirs) problems.push(`order ${key}: ${mine ?? 'missing'} (reference ${theirs ?? 'none'})`);
    else if ((mine.startsWith('Cancelled') || theirs.startsWith('Cancelled')) && mine !== theirs)
      problems.push(`order ${key}: ${mine} (reference ${theirs})`);
  }
  // An act refused because the order did not exist yet is visibly refused; one applied twice is not.
  for (const key of keys(run.acts, reference.acts)) {
    if ((run.acts[key] ?? 0) > (reference.acts[key] ?? 0))
      problems.push(`acts on ${key}: ${run.acts[key]} (reference ${reference.acts[key] ?? 0})`);
  }
  return problems;
};

/** Liveness: nothing left undone after the final sweep (at `sweepNow` by the sweep's clock). */
export const livenessProblems = (
  state: StoredState,
  sweepNow: string,
  deadLetters: readonly string[],
  /** Messages the topic received. */
  messagesSent: number,
  /** Notification claims that expired (TTL) before the end of the run. */
  expiredClaims: readonly Item[] = [],
): string[] => {
  const problems = [...deadLetters.map((letter) => `dead letter: ${letter}`)];
  for (const order of state.orders) {
    if (order.status !== 'AwaitingStock') continue;
    for (const line of shortLines(order)) {
      const level = state.stock.find((l) => l.warehouseId === order.warehouseId && l.sku === line.sku);
      if (level && availableOf(level) > 0)
        problems.push(`${order.orderId} waits for ${line.sku} while ${availableOf(level)} is available`);
    }
  }
  if (reservationsOf(state).length > 0) problems.push(`${reservationsOf(state).length} reservation(s) left`);
  const ordersById = new Set(state.orders.map((order) => order.orderId));
  for (const item of state.items as Item[]) {
    const timerPk = item.timerPk === undefined ? '' : String(item.timerPk);
    const timerSk = String(item.timerSk ?? '');
    if (timerPk.startsWith('TIMER#') && timerSk <= `${sweepNow}~`)
      problems.push(`due timer left: ${timerSk}`);
    if (timerPk.startsWith('INTAKE#') && !ordersById.has(String(item.orderId)))
      problems.push(`accepted order ${String(item.orderId)} never decided`);
    if (item.outboxPk !== undefined && item.outboxPk !== OUTBOX_SET_ASIDE_PARTITION)
      problems.push(`publishable outbox entry left: ${String(item.outboxSk)}`);
    if (item.outboxPk === OUTBOX_SET_ASIDE_PARTITION)
      problems.push(`outbox entry set aside: ${String(item.outboxSk)}`);
  }
  // Every notifiable event the run stored was sent: its claim says so, `sent`, or `claimed` when
  // only the confirmation after the send failed (the topic got a message for every claim).
  const claims = [
    ...expiredClaims,
    ...state.items.filter((item) => String(item.pk).includes('#IDEMPOTENCY#notify#')),
  ];
  const trustConfirmedOnly = messagesSent < claims.length;
  const sent = new Set([
    ...claims
      .filter((item) => item.state === 'sent' || !trustConfirmedOnly)
      .map((item) => String(item.pk).split('#IDEMPOTENCY#notify#')[1]),
  ]);
  for (const entry of state.historyItems) {
    for (const event of (entry.events as OutgoingEvent[] | undefined) ?? []) {
      if (isNotifiableDetailType(event.detailType) && !sent.has(event.detail.eventId))
        problems.push(`${event.detailType} of ${event.detail.orderId} never notified`);
    }
  }
  return problems;
};

export const invariantProblems = (state: StoredState): string[] => storedStateProblems(state);

/**
 * What ended otherwise than in the reference without breaking a rule: allocation in another order,
 * an act refused because its order did not exist yet, notifications of another path (a delay
 * reorders work). Reported, not counted as violations.
 */
export const divergences = (run: Outcome, reference: Outcome): string[] => [
  ...Object.keys(reference.orders)
    .filter((key) => run.orders[key] !== undefined && run.orders[key] !== reference.orders[key])
    .map((key) => `${key}: ${run.orders[key]} (reference ${reference.orders[key]})`),
  ...Object.keys(reference.answers)
    .filter(
      (key) => Math.floor((run.answers[key] ?? 0) / 100) !== Math.floor((reference.answers[key] ?? 0) / 100),
    )
    .map((key) => `answer to ${key}: ${run.answers[key] ?? 'none'} (reference ${reference.answers[key]})`),
];

/** Whether some request was answered otherwise (2xx, 4xx) than in the reference. */
export const answersDiffer = (run: Outcome, reference: Outcome): boolean =>
  Object.keys(reference.answers).some(
    (key) => Math.floor((run.answers[key] ?? 0) / 100) !== Math.floor((reference.answers[key] ?? 0) / 100),
  );
