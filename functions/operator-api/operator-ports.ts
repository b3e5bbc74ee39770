import { DynamoDbKitStore } from '../../shared/adapters/dynamodb/dynamodb-kit-store.js';
import { DynamoDbOperatorQueries } from '../../shared/adapters/dynamodb/dynamodb-operator-queries.js';
import { DynamoDbPolicyStore } from '../../shared/adapters/dynamodb/dynamodb-policy-store.js';
import { cursorSecret } from '../../shared/adapters/dynamodb/list-cursor.js';
import type { KitStore } from '../../shared/ports/kit-store.js';
import type { OperatorQueries } from '../../shared/ports/operator-queries.js';
import type { PolicyStore } from '../../shared/ports/policy-store.js';
import type { Wiring } from '../../shared/runtime/adapters.js';

/** The shared adapters, plus the reads and writes only the operator API makes. */
export interface OperatorPorts extends Wiring {
  queries: OperatorQueries;
  policies: PolicyStore;
  kits: KitStore;
}

/** Builds the operator's adapters once per wiring (per container in Lambda, per table in tests). */
export const operatorPorts = (wiring: () => Wiring): (() => OperatorPorts) => {
  let built: { from: Wiring; ports: OperatorPorts } | undefined;
  return () => {
    const from = wiring();
    if (built?.from !== from) {
      const { documents: client, tableName } = from;
      built = {
        from,
        ports: {
          ...from,
          queries: new DynamoDbOperatorQueries({ client, tableName, cursorSecret: cursorSecret(tableName) }),
          policies: new DynamoDbPolicyStore(client, tableName),
          kits: new DynamoDbKitStore(client, tableName),
        },
      };
    }
    return built.ports;
  };
};
