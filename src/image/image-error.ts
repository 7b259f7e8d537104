// Glance's errors are webob HTTP exceptions. `explanation=msg` replaces the status's standard
// sentence; a positional message (`HTTPConflict(msg)`) is a `detail` shown after it. Which
// one glance uses differs per call site, and clients see the difference, so both are kept.
import { ApiError } from '../http/api-error.js';

export class ImageError extends ApiError {
  constructor(
    status: number,
    readonly explanation: string | null,
    readonly extraDetail: string = '',
    headers: Record<string, string> = {},
  ) {
    super(status, null, explanation ?? extraDetail, headers);
    this.name = 'ImageError';
  }
}

/** HTTPXxx(explanation=msg) */
export const explained = (status: number, msg: string, headers: Record<string, string> = {}) => new ImageError(status, msg, '', headers);
/** HTTPXxx(msg): the standard sentence, then msg as the detail. */
export const detailed = (status: number, msg: string, headers: Record<string, string> = {}) => new ImageError(status, null, msg, headers);
