/** What a subscription's filter policy is applied to (the `FilterPolicyScope` attribute). */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** A message attribute as it appears in a delivered notification. */
export interface MessageAttributeValue {
  readonly Type: string;
  readonly Value: string;
}

export interface FilterPolicyInput {
  readonly message: string;
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeValue>>;
}
