// Nova's error body (api/openstack/wsgi.py Fault): {"<name>": {"code": N, "message": "..."}}
// with the name chosen by status; everything unnamed (406, 500, ...) is computeFault.
const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

export function faultName(status: number): string {
  return FAULT_NAMES[status] ?? 'computeFault';
}

/** `name` overrides the status's name (ApiError.code when it is a fault name). */
export function faultBody(status: number, message: string, name?: string | null): Record<string, unknown> {
  const key = name && /^[a-zA-Z]+$/.test(name) && !name.includes('.') ? name : faultName(status);
  const inner: Record<string, unknown> = { code: status, message };
  return { [key]: inner };
}
