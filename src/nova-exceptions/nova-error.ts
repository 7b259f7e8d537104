// An exception as nova's compute code would raise it: the class name, the message its msg_fmt
// gives, the code add_instance_fault_from_exc records, and a traceback text (fault details).
import { NOVA_EXCEPTIONS, type NovaExceptionClass, type NovaExceptionName } from './catalogue.js';

export type { NovaExceptionName } from './catalogue.js';
/** Exceptions from outside nova.exception the engine tests for by name (Python's own, cursive's). */
export type ForeignExceptionName = 'NotImplementedError' | 'SignatureVerificationError' | 'NetworkNotFoundClient' | 'ClientException';

export interface ErrorSpec { type: string; message?: string | null }

export class NovaError extends Error {
  constructor(
    /** Exception class name, e.g. VirtualInterfaceCreateException. */
    readonly type: string,
    /** str(exc): the formatted message (format_message()). */
    message: string,
    /** exc.kwargs['code'] (500 for non-nova exceptions). */
    readonly code: number,
    /** True for NovaException subclasses: the fault message is format_message(); else the class name. */
    readonly isNova: boolean,
    readonly kwargs: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = type;
  }

  /** str(type(exc)) inside <class '...'>: nova's own exceptions live in nova.exception. */
  get pythonClass(): string { return this.isNova ? `nova.exception.${this.type}` : this.type; }

  /** compute/utils.py exception_to_dict: nova exceptions give their message, others the class name. */
  get faultMessage(): string { return (this.isNova ? this.message : this.type).slice(0, 255); }

  /** True when the exception is exactly this class (`isA` also takes its subclasses). */
  is(type: NovaExceptionName | ForeignExceptionName): boolean { return this.type === type; }

  /** True when `type` is `ancestor` or one of its subclasses (by nova's class hierarchy). */
  isA(ancestor: NovaExceptionName | ForeignExceptionName): boolean {
    let t: string | null = this.type;
    while (t) {
      if (t === ancestor) return true;
      t = exceptionClass(t)?.parent ?? null;
    }
    return false;
  }

  /** The traceback text nova stores as fault details (only kept when code == 500). */
  traceback(where: string): string {
    const qual = this.isNova ? `nova.exception.${this.type}` : this.type;
    return `Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/nova/${where}", in ${this.where ?? 'decorated_function'}\n    raise\n${qual}: ${this.message}\n`;
  }
  where: string | null = null;
}

/** Python %-formatting of msg_fmt with named arguments (%(x)s, %(x)d, %(x)r, %%). */
export function formatMsg(fmt: string, kwargs: Record<string, string | number>): string | null {
  let failed = false;
  const out = fmt.replace(/%(?:\((\w+)\)([sdri])|%)/g, (m, key: string | undefined, conv: string | undefined) => {
    if (m === '%%') return '%';
    const v = kwargs[key!];
    if (v === undefined) { failed = true; return m; }
    if (conv === 'd' || conv === 'i') {
      const n = Number(v);
      if (!Number.isFinite(n)) { failed = true; return m; }
      return String(Math.trunc(n));
    }
    if (conv === 'r') return typeof v === 'string' ? `'${v}'` : String(v);
    return String(v);
  });
  return failed ? null : out;
}

/** The keys a msg_fmt needs. */
export function msgKeys(fmt: string): string[] {
  return [...fmt.matchAll(/%\((\w+)\)[sdri]/g)].map((m) => m[1]!);
}

export const isKnownNovaException = (type: string): type is NovaExceptionName => Object.hasOwn(NOVA_EXCEPTIONS, type);

function exceptionClass(type: string): NovaExceptionClass | undefined {
  return isKnownNovaException(type) ? NOVA_EXCEPTIONS[type] : undefined;
}

/**
 * Build the exception an injected fault raises, the way the real-Nova control plane does
 * (nova-live/real_nova_server.py make_exception): every msg_fmt key gets `message` (or
 * 'injected fault'); a msg_fmt without keys uses `message` as the whole message.
 * A type that is not a nova exception (TestingException, ValueError, ...) is a generic
 * Python exception: its fault message is the class name, code 500.
 */
export function novaErrorFrom(spec: ErrorSpec): NovaError {
  const cls = exceptionClass(spec.type);
  const msg = spec.message ?? null;
  if (!cls) return new NovaError(spec.type, msg ?? '', 500, false);
  const keys = msgKeys(cls.msgFmt);
  if (keys.length === 0) return new NovaError(spec.type, msg ?? cls.msgFmt, cls.code, true);
  const kwargs = Object.fromEntries(keys.map((k) => [k, msg ?? 'injected fault']));
  return new NovaError(spec.type, formatMsg(cls.msgFmt, kwargs) ?? cls.msgFmt, cls.code, true, kwargs);
}

/** A nova exception with its message given (as a client raises one from a service's answer): the class's code. */
export function novaErrorWithMessage(type: NovaExceptionName, message: string): NovaError {
  return new NovaError(type, message, NOVA_EXCEPTIONS[type].code, true);
}

/** A nova exception raised by the engine itself with explicit kwargs (NoValidHost(reason=...)). */
export function novaError(type: NovaExceptionName, kwargs: Record<string, string | number> = {}): NovaError {
  const cls = NOVA_EXCEPTIONS[type];
  const strKw = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, String(v)]));
  return new NovaError(type, formatMsg(cls.msgFmt, kwargs) ?? cls.msgFmt, cls.code, true, strKw);
}
