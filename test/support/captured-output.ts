/**
 * What the process writes to stdout and stderr while `work` runs, kept off the terminal. The
 * Powertools logger writes its JSON lines there (through its own console, not jest's), so this is
 * how a test reads the logs a handler would leave in CloudWatch.
 *
 *   const { output, logs } = await captureOutput(() => handler(event, lambdaContext()));
 *   expect(output).not.toContain(secret);
 */
export const captureOutput = async <T>(
  work: () => Promise<T>,
): Promise<{ result: T; output: string; logs: Array<Record<string, unknown>> }> => {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof stream.write;
  }
  try {
    const result = await work();
    const output = chunks.join('');
    return { result, output, logs: logLinesOf(output) };
  } finally {
    streams.forEach((stream, index) => {
      stream.write = originals[index] as typeof stream.write;
    });
  }
};

const logLinesOf = (output: string): Array<Record<string, unknown>> =>
  output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
