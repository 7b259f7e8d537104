// nova's FaultWrapper answer for an exception the API did not expect: 500 computeFault naming
// the exception's class (what a client sees when a synchronous RPC call to a compute fails).
import { ApiError } from '../http/api-error.js';

export const UNEXPECTED_API_ERROR = 'Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.';

export function unexpectedApiError(pythonClass: string): ApiError {
  return new ApiError(500, null, `${UNEXPECTED_API_ERROR}\n<class '${pythonClass}'>`);
}
