import { newXRayId, type Subsegment } from './subsegment.js';

export interface CapturedException {
  id: string;
  message: string;
  type: string;
  remote: boolean;
  stack: Array<{ label: string; path: string; line: number }>;
}

const MAX_STACK_FRAMES = 50;

/** V8's `at label (path:line:column)` and `at [async ]path:line:column` lines, as X-Ray's frames. */
const stackFrames = (stack: string | undefined): CapturedException['stack'] =>
  (stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_STACK_FRAMES)
    .map((line) => {
      const frame = line.slice(3);
      const named = /^(.*) \((.*)\)$/.exec(frame);
      const unnamed = named ? undefined : /^(async )?(.*)$/.exec(frame);
      const label = named?.[1] ?? (unnamed?.[1] ? 'async' : 'anonymous');
      const location = named?.[2] ?? unnamed?.[2] ?? frame;
      const at = /^(.*?):(\d+)(?::\d+)?$/.exec(location);
      return { label, path: at?.[1] ?? location, line: Number(at?.[2] ?? 0) };
    });

/** `remote`: the error came back from the service called, rather than being thrown here. */
export const addCause = (subsegment: Subsegment, error: unknown, remote: boolean): void => {
  const { message, name, stack } =
    error instanceof Error ? error : { message: String(error), name: 'Error', stack: undefined };
  subsegment.cause = {
    working_directory: process.cwd(),
    exceptions: [{ id: newXRayId(), message, type: name, remote, stack: stackFrames(stack) }],
  };
};
