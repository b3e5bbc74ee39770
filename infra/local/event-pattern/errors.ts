const AWS_MESSAGE_PREFIX = 'Event pattern is not valid. Reason: ';

/**
 * A pattern EventBridge would refuse. `name` and the message follow the shape of the
 * `InvalidEventPatternException` that PutRule and TestEventPattern return.
 */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternException';
  readonly reason: string;

  constructor(reason: string) {
    super(`${AWS_MESSAGE_PREFIX}${reason}`);
    this.reason = reason;
  }
}

/** Shorthand so validation code reads as a list of rules rather than of `throw new` statements. */
export function invalidPattern(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
