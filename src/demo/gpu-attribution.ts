import { CATEGORY_IDLE, CATEGORY_INFERENCE, CATEGORY_OVERHEAD, VERTICAL_STUDIO, type GpuCostRows } from './gpu-cost.js';

/**
 * Spreads one day's idle and overhead cost over that day's inference rows, in
 * proportion to row_cost: idle of a GPU pool (API: model, Studio: process) onto the
 * pool's own requests, overhead over the whole vertical. Per vertical-day the
 * attributed columns then add up to the idle and overhead rows (to float rounding),
 * which is what lets SQL choose infrastructure or fully loaded cost without double
 * counting.
 */
export function attributeSharedCosts(rows: GpuCostRows, firstRow: number, endRow: number): void {
  const poolOf = (row: number): string => {
    const vertical = rows.vertical.get(row);
    return `${vertical}:${vertical === VERTICAL_STUDIO ? rows.process.get(row) : rows.model.get(row)}`;
  };
  const inferenceByPool = new Map<string, { cost: number; rows: number[] }>();
  const inferenceByVertical = new Map<number, { cost: number; rows: number[] }>();
  const add = <K>(map: Map<K, { cost: number; rows: number[] }>, key: K, row: number): void => {
    const entry = map.get(key) ?? { cost: 0, rows: [] };
    entry.cost += rows.rowCost.get(row);
    entry.rows.push(row);
    map.set(key, entry);
  };
  for (let row = firstRow; row < endRow; row++) {
    if (rows.category.get(row) !== CATEGORY_INFERENCE) continue;
    add(inferenceByPool, poolOf(row), row);
    add(inferenceByVertical, rows.vertical.get(row), row);
  }
  const spread = (target: { cost: number; rows: number[] } | undefined, amount: number, column: GpuCostRows['attributedIdle']): void => {
    if (target === undefined || target.cost <= 0) return;
    for (const row of target.rows) column.set(row, column.get(row) + (amount * rows.rowCost.get(row)) / target.cost);
  };
  for (let row = firstRow; row < endRow; row++) {
    const category = rows.category.get(row);
    const vertical = rows.vertical.get(row);
    if (category === CATEGORY_IDLE) {
      // A pool that served nothing today hands its idle to the whole vertical.
      const pool = inferenceByPool.get(poolOf(row));
      spread(pool !== undefined && pool.cost > 0 ? pool : inferenceByVertical.get(vertical), rows.rowCost.get(row), rows.attributedIdle);
    } else if (category === CATEGORY_OVERHEAD) {
      spread(inferenceByVertical.get(vertical), rows.rowCost.get(row), rows.attributedOverhead);
    }
  }
}
