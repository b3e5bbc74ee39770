/** Who caused a decision: recorded with every history entry. */
export interface Actor {
  kind: 'system' | 'channel' | 'warehouse' | 'person';
  id: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'allocator' };
