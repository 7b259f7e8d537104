// The capacity rules of one inventory (placement/objects/inventory.py: total, reserved, units,
// ratio) in the one camelCase shape that the allocation checks and the candidate search share.
export interface InventoryLimits {
  readonly total: number;
  readonly reserved: number;
  readonly minUnit: number;
  readonly maxUnit: number;
  readonly stepSize: number;
  readonly allocationRatio: number;
}
