import type { SqlValue } from '../../persistence/sql/sql-job.js';

/**
 * Which customers a time-driven job looks at: those on the real clock (every merchant), or those
 * of one test clock (one merchant, test mode), whose time the job then acts at.
 */
export interface TestClockScope {
  merchantId: string;
  mode: 'test' | 'live';
  testClockId: string;
}

/**
 * A SQL condition on a `customer_id` column and its parameters: rows of customers on the real
 * clock (orders without a customer included), or rows of the clock's customers.
 */
export function customersOn(column: string, scope?: TestClockScope): { sql: string; params: SqlValue[] } {
  if (!scope) return { sql: `(${column} IS NULL OR ${column} NOT IN (SELECT id FROM customers WHERE test_clock_id IS NOT NULL))`, params: [] };
  return { sql: `${column} IN (SELECT id FROM customers WHERE test_clock_id = ? AND merchant_id = ? AND mode = ?)`, params: [scope.testClockId, scope.merchantId, scope.mode] };
}
