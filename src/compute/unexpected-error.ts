// nova's FaultWrapper answer for an exception the API did not expect: 500 computeFault naming
// the exception's class (what a client sees when a synchronous RPC call to a compute fails).
import { ApiError } from '../http/api-error.js';
import type { NovaExceptionName } from '../nova-exceptions/nova-error.js';

/** FaultWrapper's message for an exception of this Python class. */
export function unexpectedErrorMessage(pythonClass: string): string {
  return `Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class '${pythonClass}'>`;
}

export function unexpectedApiError(pythonClass: string): ApiError {
  return new ApiError(500, null, unexpectedErrorMessage(pythonClass));
}

/** The same for one of nova's own exceptions (its class lives in nova.exception). */
export function unexpectedNovaError(type: NovaExceptionName): ApiError {
  return unexpectedApiError(`nova.exception.${type}`);
}
