import { randomBytes } from 'node:crypto';
import { sendToDaemon } from './daemon-emitter.js';
import type { CapturedException } from './exception-cause.js';
import type { TraceHeader } from './trace-header.js';

/** A subsegment document as the X-Ray daemon takes it. */
export interface Subsegment {
  type: 'subsegment';
  id: string;
  trace_id: string;
  parent_id: string;
  name: string;
  start_time: number;
  end_time?: number;
  namespace?: 'aws';
  annotations?: Record<string, string | number | boolean>;
  aws?: Record<string, string | number>;
  http?: { response: { status: number } };
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: { working_directory: string; exceptions: CapturedException[] };
}

export const newXRayId = (): string => randomBytes(8).toString('hex');
const now = () => Date.now() / 1000;

export const openSubsegment = (trace: TraceHeader, parentId: string, name: string): Subsegment => ({
  type: 'subsegment',
  id: newXRayId(),
  trace_id: trace.root,
  parent_id: parentId,
  name,
  start_time: now(),
});

/** Subsegments are sent one by one as they close, as the X-Ray SDK does in Lambda. */
export const closeSubsegment = (subsegment: Subsegment): void => {
  subsegment.end_time = now();
  sendToDaemon(subsegment);
};
