/**
 * The answer a Lambda-backed custom resource owes CloudFormation: a PUT of its outcome to the
 * event's pre-signed `ResponseURL`. Without it the stack waits for an hour, so every outcome,
 * failures included, is sent.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

export type Outcome =
  | { status: 'SUCCESS'; physicalResourceId: string; data?: Record<string, unknown> }
  | { status: 'FAILED'; physicalResourceId: string; reason: string };

export async function sendOutcome(event: CloudFormationCustomResourceEvent, outcome: Outcome): Promise<void> {
  const body = JSON.stringify({
    Status: outcome.status,
    Reason: outcome.status === 'FAILED' ? outcome.reason.slice(0, 1000) : 'published',
    PhysicalResourceId: outcome.physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    ...(outcome.status === 'SUCCESS' && outcome.data ? { Data: outcome.data } : {}),
  });
  // The URL is signed without a content type, so none is sent.
  const answer = await fetch(event.ResponseURL, {
    method: 'PUT',
    body,
    headers: { 'content-type': '' },
  });
  if (!answer.ok) throw new Error(`CloudFormation refused the response: HTTP ${answer.status}`);
}
