/**
 * What the matcher commands share: where they write, how a bad command line is reported, how
 * a parameter is read (inline, or `file://<path>` as the AWS CLI accepts it), and how a result is
 * printed.
 */
import { readFileSync } from 'node:fs';

export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** A command line that cannot be run as given: exit code 2 with the usage text. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
/** The service (here: the matcher) refused the input, as AWS would. */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

const FILE_PREFIX = 'file://';

/** The text of a parameter; `file://path` reads the file, so long JSON need not be quoted. */
export function parameterText(name: string, value: string): string {
  if (!value.startsWith(FILE_PREFIX)) return value;
  const path = value.slice(FILE_PREFIX.length);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Error parsing parameter '--${name}': Unable to load ${path}: ${(error as Error).message}`,
    );
  }
}

/** A parameter that must be JSON (the AWS CLI words the failure the same way). */
export function jsonParameter(name: string, value: string): unknown {
  try {
    return JSON.parse(parameterText(name, value));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Error parsing parameter '--${name}': Invalid JSON: ${(error as Error).message}`);
  }
}

/** The line the AWS CLI prints for an error the service returned. */
const serviceError = (code: string, operation: string, message: string): string =>
  `An error occurred (${code}) when calling the ${operation} operation: ${message}\n`;

const resultLine = (result: boolean): string => `${JSON.stringify({ Result: result })}\n`;

/** An error by which the matcher refuses its input, as the service would. */
export interface ServiceRefusal {
  readonly code: string;
  readonly message: string;
}

/**
 * Prints `{"Result":true|false}` as the AWS CLI does; where the matcher refuses its input, prints
 * the service's error instead and exits 1. `refusal` picks those errors out: any other is a bug
 * and is thrown.
 */
export function printTestResult(
  io: CommandIo,
  operation: string,
  refusal: (error: unknown) => ServiceRefusal | undefined,
  test: () => boolean,
): number {
  try {
    io.stdout.write(resultLine(test()));
    return EXIT_OK;
  } catch (error) {
    const refused = refusal(error);
    if (!refused) throw error;
    io.stderr.write(serviceError(refused.code, operation, refused.message));
    return EXIT_REFUSED;
  }
}
