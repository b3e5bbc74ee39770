import { ANY_SEQUENCE, type WildcardToken } from './wildcard.js';

/**
 * AWS refuses a rule when too many wildcard-pattern prefixes could be in progress at once for
 * some value ("Rule is too complex ..."). This rebuilds the byte automaton event-ruler makes
 * for the wildcard patterns of one field and applies its MachineComplexityEvaluator measure.
 * The limit sits where AWS's answers put it: "*:*:*:*:*:event-bus/*" scores 11 and is refused,
 * while "/Users/", a star, then "/dir/dir/dir/dir/dir/doc.txt" scores 7 and is accepted.
 */
export const MAX_WILDCARD_COMPLEXITY = 10;

const OTHER_BYTE = -1;
const START_STATE = 0;

interface AutomatonNode {
  readonly byByte: Map<number, number[]>;
  readonly anyByte: number[];
  /** Set on the final transition of a pattern (its closing quote). */
  readonly completesPattern?: number;
  /** False once a `*` has been passed; such states are never shared between patterns. */
  readonly determinate: boolean;
}

class WildcardAutomaton {
  readonly nodes: AutomatonNode[] = [{ byByte: new Map(), anyByte: [], determinate: true }];
  readonly alphabet = new Set<number>([OTHER_BYTE]);

  private addNode(node: Omit<AutomatonNode, 'byByte' | 'anyByte'>): number {
    this.nodes.push({ byByte: new Map(), anyByte: [], ...node });
    return this.nodes.length - 1;
  }

  private node(id: number): AutomatonNode {
    const node = this.nodes[id];
    if (!node) throw new Error(`No automaton node ${id}`);
    return node;
  }

  private addByteTransition(from: number, byte: number, to: number): void {
    this.alphabet.add(byte);
    const targets = this.node(from).byByte;
    targets.set(byte, [...(targets.get(byte) ?? []), to]);
  }

  private addStar(from: number): number {
    const star = this.addNode({ determinate: false });
    this.node(star).anyByte.push(star);
    this.node(from).anyByte.push(star);
    return star;
  }

  // Until the first `*`, patterns share states as in a trie; after it every state is new.
  private sharedState(from: number, byte: number): number | undefined {
    if (!this.node(from).determinate) return undefined;
    const existing = this.node(from).byByte.get(byte)?.[0];
    return existing !== undefined && this.node(existing).determinate ? existing : undefined;
  }

  // As in event-ruler: a `*` leads from state A to a new state B that loops on every byte, and
  // the byte after the `*` is reachable from both A (an empty run) and B.
  addPattern(tokens: readonly WildcardToken[], patternId: number): void {
    let current = START_STATE;
    let beforeStar: number | undefined;
    for (const [index, token] of tokens.entries()) {
      if (token === ANY_SEQUENCE) {
        beforeStar = current;
        current = this.addStar(current);
        continue;
      }
      const isLast = index === tokens.length - 1;
      const shared = isLast ? undefined : this.sharedState(current, token);
      if (shared !== undefined) {
        current = shared;
        continue;
      }
      const next = this.addNode(
        isLast
          ? { completesPattern: patternId, determinate: false }
          : { determinate: this.node(current).determinate },
      );
      this.addByteTransition(current, token, next);
      if (beforeStar !== undefined) this.addByteTransition(beforeStar, token, next);
      beforeStar = undefined;
      current = next;
    }
  }

  step(active: readonly number[], byte: number): number[] {
    const next = new Set<number>();
    for (const id of active) {
      const node = this.node(id);
      for (const target of node.byByte.get(byte) ?? []) next.add(target);
      for (const target of node.anyByte) next.add(target);
    }
    return [...next].sort((left, right) => left - right);
  }
}

// Node ids only grow along transitions (apart from a star's loop on itself), so walking the
// ids backwards sees every successor before its predecessors.
const patternsReachableFromEachNode = (automaton: WildcardAutomaton): Set<number>[] => {
  const reachable: Set<number>[] = [];
  for (let id = automaton.nodes.length - 1; id >= 0; id -= 1) {
    const node = automaton.nodes[id];
    const patterns = new Set<number>(node?.completesPattern === undefined ? [] : [node.completesPattern]);
    const successors = [...(node?.byByte.values() ?? [])].flat().concat(node?.anyByte ?? []);
    for (const successor of successors) {
      if (successor !== id) for (const pattern of reachable[successor] ?? []) patterns.add(pattern);
    }
    reachable[id] = patterns;
  }
  return reachable;
};

// Guards against pathological patterns; the measure only ever needs a handful of sets.
const MAX_EXPLORED_SETS = 100_000;

/**
 * The largest number of wildcard-pattern prefixes that some value could keep in progress at
 * once: for each set of automaton nodes a value can reach, the patterns still reachable from
 * each node, plus those behind a `*` the node could enter next.
 */
export const wildcardComplexity = (patterns: readonly (readonly WildcardToken[])[]): number => {
  const automaton = new WildcardAutomaton();
  for (const [patternId, tokens] of patterns.entries()) automaton.addPattern(tokens, patternId);
  const reachable = patternsReachableFromEachNode(automaton);
  const weight = (id: number): number => reachable[id]?.size ?? 0;
  const complexityOf = (active: readonly number[]): number =>
    active.reduce((total, id) => {
      const pendingStars = automaton.nodes[id]?.anyByte.filter((star) => !active.includes(star)) ?? [];
      return total + weight(id) + pendingStars.reduce((sum, star) => sum + weight(star), 0);
    }, 0);

  const seen = new Set<string>();
  const queue = [...automaton.alphabet].map((byte) => automaton.step([START_STATE], byte));
  let highest = 0;
  while (queue.length > 0 && seen.size < MAX_EXPLORED_SETS) {
    const active = queue.shift() ?? [];
    const key = active.join(',');
    if (active.length === 0 || seen.has(key)) continue;
    seen.add(key);
    highest = Math.max(highest, complexityOf(active));
    if (highest > MAX_WILDCARD_COMPLEXITY) return highest;
    for (const byte of automaton.alphabet) queue.push(automaton.step(active, byte));
  }
  return highest;
};
