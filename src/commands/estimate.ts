import { UsageError } from '../errors.js';
import type { QueryRequest, Warehouse } from '../warehouse/types.js';

/** `--estimate`: a dry run's bytes and on-demand cost, one line per query. */
export async function estimateLine(warehouse: Warehouse, request: QueryRequest): Promise<string> {
  if (warehouse.estimate === undefined) {
    throw new UsageError(`--estimate needs warehouse: bigquery (${warehouse.description} does not bill by bytes)`, 'set warehouse: bigquery in the config');
  }
  const estimate = await warehouse.estimate(request);
  const cost = (estimate.bytes / 1024 ** 4) * estimate.pricePerTiB;
  const capped = estimate.bytes > estimate.maximumBytesBilled ? ' — OVER the maximumBytesBilled cap: the real run would fail' : '';
  return `sql/${request.name} would scan ${formatBytes(estimate.bytes)}, about $${cost.toFixed(4)} at $${estimate.pricePerTiB}/TiB (cap ${formatBytes(estimate.maximumBytesBilled)})${capped}\n`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 2)} ${units[unit]}`;
}
