// json.dumps as Placement sends it: ", " and ": " separators, non-ASCII escaped as \uXXXX
// (ensure_ascii), and floats that stay floats ("1.0") when a view marks them with pyFloatValue.
import { pyFloat } from './python-repr.js';

/** A number Python holds as a float (e.g. allocation_ratio): serialized as 1.0, not 1. */
export class PyFloatValue {
  constructor(readonly value: number) {}
  toJSON(): number { return this.value; }
}

export function pyFloatValue(n: number): PyFloatValue {
  return new PyFloatValue(n);
}

function str(s: string): string {
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function pyJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof PyFloatValue) return Number.isFinite(v.value) ? pyFloat(v.value) : v.value > 0 ? 'Infinity' : v.value < 0 ? '-Infinity' : 'NaN';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(pyJsonDumps).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.map(([k, x]) => `${str(k)}: ${pyJsonDumps(x)}`).join(', ')}}`;
  }
  return 'null';
}
