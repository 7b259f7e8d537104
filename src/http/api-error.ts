// The one error type handlers and stores throw. Each service's error handler renders it in
// its own envelope (Placement: {"errors":[...]}, compute: {"itemNotFound": {...}}).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Placement error code (e.g. 'placement.concurrent_update') or a compute fault name override. */
    readonly code: string | null,
    readonly detail: string,
    /** Extra headers the response must carry (e.g. Allow on 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}
