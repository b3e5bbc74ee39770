/**
 * Signed order webhooks offered to the local runtime over HTTP at a bounded rate, for a bounded
 * time, with a bounded number in flight (an offer that finds the bound reached is not sent, and
 * counted), and each accepted order watched until its order item exists (the allocator decided
 * it): the table is read every `pollMs` for the accepted orders not yet seen decided, the oldest
 * first and at most POLL_LIMIT of them, so that watching costs DynamoDB Local little next to the
 * pipeline it watches. Requests go through node:http on kept-alive connections: the load
 * generator shares the machine with the pipeline, and `fetch` costs several times the CPU.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { orderKey } from '../../shared/adapters/dynamodb/keys.js';
import { groupsOf } from './pool.js';

const POLL_LIMIT = 300;

export interface WebhookTarget {
  readonly baseUrl: string;
  readonly tenantId: string;
  /** The tenant's `orders` channel secret. */
  readonly secret: string;
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The SKU of order `index`. */
  skuOf(index: number): string;
}

export interface LoadOptions {
  /** Order ids are `<prefix><index>`. */
  readonly prefix: string;
  readonly rate: number;
  readonly seconds: number;
  readonly maxInFlight: number;
  readonly pollMs: number;
  /** Gives up on orders still undecided this long after the last offer. */
  readonly drainMs: number;
  readonly progress: (text: string) => void;
}

export interface LoadRun {
  readonly offered: number;
  readonly accepted: number;
  /** Refused, failed, or not sent because the in-flight bound was reached. */
  readonly notSent: number;
  readonly decided: number;
  /** Webhook sent to order seen decided, per decided order, ascending (ms). */
  readonly latencies: readonly number[];
  /** From the send of the first accepted webhook to the poll that saw the last decision (ms). */
  readonly spanMs: number;
}

/** POSTs `body`; resolves to the answer's status once its body is read. */
const post = (agent: Agent, url: string, headers: Record<string, string>, body: string) =>
  new Promise<number>((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });

export const offerWebhooks = async (target: WebhookTarget, options: LoadOptions): Promise<LoadRun> => {
  const total = Math.round(options.rate * options.seconds);
  const sentAt = new Map<string, number>();
  const decidedAt = new Map<string, number>();
  const pending: string[] = [];
  let notSent = 0;
  let inFlight = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const url = `${target.baseUrl}/webhooks/${target.tenantId}/orders`;

  const send = async (index: number) => {
    const orderId = `${options.prefix}${index}`;
    const body = JSON.stringify({
      type: 'order.created',
      orderId,
      createdAt: new Date().toISOString(),
      customer: { name: 'Ada Lovelace' },
      lines: [{ lineId: '1', sku: target.skuOf(index), quantity: 1 }],
    });
    const signature = createHmac('sha256', target.secret).update(body).digest('base64');
    inFlight += 1;
    const started = performance.now();
    try {
      const status = await post(
        agent,
        url,
        {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'x-signature': signature,
        },
        body,
      );
      if (status !== 200) notSent += 1;
      else {
        sentAt.set(`orders-${orderId}`, started);
        pending.push(`orders-${orderId}`);
      }
    } catch {
      notSent += 1;
    } finally {
      inFlight -= 1;
    }
  };

  const poll = async () => {
    const oldest = pending.splice(0, POLL_LIMIT);
    const seen = new Set<string>();
    for (const group of groupsOf(oldest, 100)) {
      const result = await target.documents.send(
        new BatchGetCommand({
          RequestItems: {
            [target.tableName]: {
              Keys: group.map((orderId) => orderKey(target.tenantId, orderId)),
              ProjectionExpression: 'sk',
            },
          },
        }),
      );
      const now = performance.now();
      for (const item of result.Responses?.[target.tableName] ?? []) {
        const orderId = String(item.sk).slice('ORDER#'.length);
        seen.add(orderId);
        decidedAt.set(orderId, now);
      }
      // Keys DynamoDB did not get to are read again on the next poll.
    }
    pending.unshift(...oldest.filter((orderId) => !seen.has(orderId)));
  };

  const sends: Promise<void>[] = [];
  let next = 0;
  const firstOffer = performance.now();
  const ticker = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - firstOffer) / 1000) * options.rate));
    for (; next < due; next++) {
      if (inFlight >= options.maxInFlight) notSent += 1;
      else sends.push(send(next));
    }
  }, 20);
  const report = setInterval(
    () =>
      options.progress(
        `offered ${next}/${total}, in flight ${inFlight}, accepted ${sentAt.size}, decided ${decidedAt.size}`,
      ),
    2_000,
  );
  const deadline = firstOffer + options.seconds * 1000 + options.drainMs;
  try {
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
      await poll();
      if (next >= total && inFlight === 0 && pending.length === 0) break;
    }
  } finally {
    clearInterval(ticker);
    clearInterval(report);
  }
  await Promise.all(sends);
  agent.destroy();
  const latencies = [...decidedAt]
    .map(([orderId, at]) => at - (sentAt.get(orderId) as number))
    .sort((a, b) => a - b);
  const firstSent = Math.min(...sentAt.values());
  const lastDecided = Math.max(...decidedAt.values());
  return {
    offered: total,
    accepted: sentAt.size,
    notSent,
    decided: decidedAt.size,
    latencies,
    spanMs: decidedAt.size > 0 ? lastDecided - firstSent : Number.NaN,
  };
};

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
