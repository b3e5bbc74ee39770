import { matchesBranch } from './branch-matcher.js';
import { InvalidFilterPolicyError, invalidFilterPolicy } from './errors.js';
import { isJsonObject, type JsonObject, type JsonValue, parseJson } from './json.js';
import { attributesDocument, bodyDocument, type MessageDocument } from './message-document.js';
import { expandBranches } from './policy-branches.js';
import { enforcePolicyLimits } from './policy-limits.js';
import { compilePolicyTree } from './policy-tree.js';
import type { FilterPolicyInput, FilterPolicyScope } from './scope.js';

export { InvalidFilterPolicyError } from './errors.js';
export type { FilterPolicyInput, FilterPolicyScope, MessageAttributeValue } from './scope.js';

export interface CompiledFilterPolicy {
  /** Whether SNS would deliver the message to the subscription. */
  matches(input: FilterPolicyInput): boolean;
}

const DELIVER_EVERYTHING: CompiledFilterPolicy = { matches: () => true };

/** The policy as JSON, or `undefined` where the subscription effectively has none. */
function readPolicy(policy: string | object | null | undefined): JsonObject | undefined {
  if (policy === null || policy === undefined || policy === '') return undefined;
  const parsed: JsonValue | undefined =
    typeof policy === 'string' ? parseJson(policy) : (JSON.parse(JSON.stringify(policy)) as JsonValue);
  if (parsed === undefined) throw invalidFilterPolicy('failed to parse JSON.');
  if (!isJsonObject(parsed)) throw invalidFilterPolicy('Filter is not an object');
  // SNS accepts `{}` and then filters nothing out.
  return Object.keys(parsed).length === 0 ? undefined : parsed;
}

function assertScope(scope: string): asserts scope is FilterPolicyScope {
  if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
    throw new InvalidFilterPolicyError(
      `Invalid parameter: FilterPolicyScope: Invalid value [${scope}]. Please use either MessageBody or MessageAttributes`,
    );
  }
}

/**
 * A message SNS never delivers to a filtered subscription has no document: a body that is not
 * a JSON object, or (documented for `exists: false`) a message without any attributes.
 */
function documentFor(input: FilterPolicyInput, scope: FilterPolicyScope): MessageDocument | undefined {
  if (scope === 'MessageBody') return bodyDocument(input.message);
  const attributes = input.messageAttributes ?? {};
  return Object.keys(attributes).length === 0 ? undefined : attributesDocument(attributes);
}

/**
 * Validates a subscription filter policy as SNS does (throwing `InvalidFilterPolicyError`) and
 * returns its matcher. `null`, `undefined`, `''` and `{}` stand for a subscription without a
 * policy, which receives every message.
 */
export function compileFilterPolicy(
  policy: string | object | null | undefined,
  scope: FilterPolicyScope,
): CompiledFilterPolicy {
  assertScope(scope);
  const policyObject = readPolicy(policy);
  if (policyObject === undefined) return DELIVER_EVERYTHING;
  const tree = compilePolicyTree(policyObject);
  enforcePolicyLimits(tree, scope);
  const branches = expandBranches(tree);
  return {
    matches(input) {
      const document = documentFor(input, scope);
      return document !== undefined && branches.some((branch) => matchesBranch(branch, document));
    },
  };
}

/** One-off form of `compileFilterPolicy(policy, scope).matches(input)`. */
export function testFilterPolicy(
  policy: string | object | null | undefined,
  scope: FilterPolicyScope,
  input: FilterPolicyInput,
): boolean {
  return compileFilterPolicy(policy, scope).matches(input);
}
