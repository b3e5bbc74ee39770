/**
 * A filter policy that Amazon SNS refuses (`InvalidParameter` on `Subscribe` or
 * `SetSubscriptionAttributes`). Messages mirror the service's, without the JSON parser's
 * trailing source location.
 */
export class InvalidFilterPolicyError extends Error {
  readonly code = 'InvalidParameter';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidFilterPolicyError';
  }
}

export function invalidFilterPolicy(reason: string): InvalidFilterPolicyError {
  return new InvalidFilterPolicyError(`Invalid parameter: FilterPolicy: ${reason}`);
}

/** SNS words this one refusal without the usual `FilterPolicy:` prefix. */
export function nestedPolicyInAttributesScope(): InvalidFilterPolicyError {
  return new InvalidFilterPolicyError(
    'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
  );
}
