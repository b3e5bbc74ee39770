import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { SaleOrder } from '../../domain/order.js';
import type { OrderFilters, OrderListQuery } from '../../ports/operator-queries.js';
import { statusPartition } from './keys.js';
import type { ListPosition } from './list-cursor.js';
import { TableAttr, TableIndex } from './table-schema.js';

/**
 * The `byStatus` Query of an order list: the status is the partition, `createdBefore` a range of
 * the sort key (`<createdAt>#<orderId>`), and exact-match filters a FilterExpression.
 */
export const orderListRequest = (
  tableName: string,
  query: OrderListQuery,
  start: ListPosition | undefined,
  pageSize: number,
): QueryCommandInput => {
  const names: Record<string, string> = { '#statusPk': TableAttr.statusPk };
  const values: Record<string, unknown> = { ':statusPk': statusPartition(query.tenantId, query.status) };
  let keyCondition = '#statusPk = :statusPk';
  if (query.createdBefore) {
    names['#statusSk'] = TableAttr.statusSk;
    values[':createdBefore'] = query.createdBefore;
    keyCondition += ' AND #statusSk < :createdBefore';
  }
  const filters: string[] = [];
  const equal = (attribute: string, value: unknown) => {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    filters.push(`#${attribute} = :${attribute}`);
  };
  if (query.filters.channel !== undefined) equal('channel', query.filters.channel);
  if (query.filters.warehouseId !== undefined) equal('warehouseId', query.filters.warehouseId);
  if (query.filters.fillable !== undefined) equal('fillable', query.filters.fillable);
  return {
    TableName: tableName,
    IndexName: TableIndex.byStatus,
    KeyConditionExpression: keyCondition,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: !query.newestFirst,
    Limit: pageSize,
    ...(start
      ? {
          ExclusiveStartKey: {
            pk: start.pk,
            sk: start.sk,
            [TableAttr.statusPk]: values[':statusPk'],
            [TableAttr.statusSk]: start.statusSk,
          },
        }
      : {}),
  };
};

/** Whether any filter needs more than one Query page per page of results. */
export const filtersNarrow = (filters: OrderFilters): boolean =>
  Object.values(filters).some((value) => value !== undefined);

/**
 * The filters a FilterExpression cannot express: a SKU anywhere in the list of lines, and a
 * customer matched regardless of case.
 */
export const matchesInCode =
  (filters: OrderFilters) =>
  (order: SaleOrder): boolean => {
    if (filters.sku !== undefined && !order.lines.some((line) => line.sku === filters.sku)) return false;
    if (filters.customer === undefined) return true;
    const wanted = filters.customer.toLowerCase();
    const { id, email, name } = order.customer ?? {};
    return (
      id?.toLowerCase() === wanted ||
      email?.toLowerCase() === wanted ||
      (name?.toLowerCase().includes(wanted) ?? false)
    );
  };
