// Python's json.dumps keeps floats as floats ("rxtx_factor": 1.0); JavaScript numbers lose
// that. A view wraps such a value in pyFloat() and serializeBody writes it back as Python does.
const MARK = '\u0000float:';

export class PyFloat {
  constructor(readonly value: number) {}
  toJSON(): string {
    const v = this.value;
    return `${MARK}${Number.isInteger(v) ? v.toFixed(1) : String(v)}\u0000`;
  }
}

export function pyFloat(v: number): PyFloat {
  return new PyFloat(v);
}

export function serializeBody(body: unknown): string {
  return JSON.stringify(body).replace(/"\\u0000float:([^"\\]+)\\u0000"/g, '$1');
}
