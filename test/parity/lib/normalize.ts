// Turns one side's answers into comparable data: the things that are different by nature
// on two clouds (uuids, request ids, timestamps, the URL host, tracebacks, generated
// passwords) become symbols; everything else is kept as is.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const REQ_ID = /req-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const URL_HOST = /https?:\/\/[^/\s"]+/g;
// A whole-string timestamp. Its digits are masked but its shape is kept: "...Z" (isotime)
// against "....ffffff" (strtime) is an observable difference that must not be hidden.
const TIMESTAMP = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;
// Keys whose value is a traceback text: its frames come from two different code bases.
const TRACEBACK_KEYS = new Set(['traceback', 'details']);

export class Normalizer {
  private readonly symbols = new Map<string, string>();
  private readonly requestIds = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  /** Give a uuid a stable name (a server of the flow, a provider, a migration). */
  name(uuid: string, symbol: string): void {
    this.symbols.set(uuid.toLowerCase(), symbol);
  }

  /** Name a uuid PREFIX_n, n counting the uuids named with that prefix (unless already named). */
  nameNext(uuid: string, prefix: string): string {
    const known = this.symbolOf(uuid);
    if (known) return known;
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    const sym = `${prefix}_${n}`;
    this.name(uuid, sym);
    return sym;
  }

  has(uuid: string): boolean {
    return this.symbols.has(uuid.toLowerCase());
  }

  symbolOf(uuid: string): string | undefined {
    return this.symbols.get(uuid.toLowerCase());
  }

  /** Give a request id a stable name (the first name given wins). */
  nameRequest(id: string, symbol: string): void {
    if (!this.requestIds.has(id.toLowerCase())) this.requestIds.set(id.toLowerCase(), symbol);
  }

  /** Other request ids are numbered in the order they are first seen. */
  requestId(id: string): string {
    const key = id.toLowerCase();
    let sym = this.requestIds.get(key);
    if (!sym) {
      const n = (this.counters.get('req') ?? 0) + 1;
      this.counters.set('req', n);
      sym = `req-REQ_${n}`;
      this.requestIds.set(key, sym);
    }
    return sym;
  }

  string(s: string, key?: string): string {
    if (key === 'adminPass') return '<password>';
    if (key !== undefined && TRACEBACK_KEYS.has(key) && /Traceback|\n\s+File "/.test(s)) return '<traceback>';
    if (key === 'OS-EXT-SRV-ATTR:reservation_id' && /^r-[0-9a-z]{8}$/i.test(s)) return 'r-<id>';
    if (TIMESTAMP.test(s)) return `<time ${s.replace(/\d/g, 'd')}>`;
    return s
      .replace(URL_HOST, 'http://HOST')
      .replace(REQ_ID, (m) => this.requestId(m))
      .replace(UUID, (u) => this.symbols.get(u.toLowerCase()) ?? '<uuid>');
  }

  /** Deep copy with every string (and every object key: allocations are keyed by uuid) normalized. */
  value(v: unknown, key?: string): unknown {
    if (typeof v === 'string') return this.string(v, key);
    if (Array.isArray(v)) return v.map((x) => this.value(x, key));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[this.string(k)] = this.value(x, k);
      return out;
    }
    return v;
  }
}
