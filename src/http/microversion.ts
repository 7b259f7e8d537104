// Microversion values and header parsing shared by Placement and compute. Each service's
// negotiation rules (defaults, errors, header names) live in its own versions.ts.
export class Microversion {
  constructor(readonly major: number, readonly minor: number) {}

  /** 'X.Y' with no leading zeros, or null. */
  static parse(text: string): Microversion | null {
    const m = /^([1-9]\d*)\.([1-9]\d*|0)$/.exec(text.trim());
    return m ? new Microversion(Number(m[1]), Number(m[2])) : null;
  }

  static of(text: string): Microversion {
    const v = Microversion.parse(text);
    if (!v) throw new Error(`bad microversion literal ${text}`);
    return v;
  }

  compare(other: Microversion): number {
    return this.major - other.major || this.minor - other.minor;
  }

  atLeast(text: string): boolean {
    return this.compare(cached(text)) >= 0;
  }

  lessThan(text: string): boolean {
    return this.compare(cached(text)) < 0;
  }

  within(min: string | undefined, max: string | undefined): boolean {
    return (!min || this.atLeast(min)) && (!max || this.compare(cached(max)) <= 0);
  }

  toString(): string {
    return `${this.major}.${this.minor}`;
  }
}

// Bounded: the header's text is the client's to choose (a fuzzing client would grow it forever).
const literals = new Map<string, Microversion>();
function cached(text: string): Microversion {
  let v = literals.get(text);
  if (!v) {
    v = Microversion.of(text);
    if (literals.size >= 256) literals.delete(literals.keys().next().value!);
    literals.set(text, v);
  }
  return v;
}

/**
 * Find this service's value in an `OpenStack-API-Version` header: a comma-separated list of
 * `<service> <version>` pairs (the header may also be repeated). Returns undefined when absent.
 */
export function findServiceVersion(header: string | string[] | undefined, service: string): string | undefined {
  if (header === undefined) return undefined;
  const parts = (Array.isArray(header) ? header.join(',') : header).split(',');
  // microversion_parse.check_standard_header reads the parts from the last one back, skipping
  // any that is not "<service> <version>"
  for (const part of parts.reverse()) {
    const m = /^(\S+)\s+(\S.*)$/s.exec(part.trim());
    if (m && m[1]!.toLowerCase() === service) return m[2]!.trim();
  }
  return undefined;
}
