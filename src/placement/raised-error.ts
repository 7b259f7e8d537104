// An error placement's handlers do not catch: handler.py turns NotFound / PolicyNotAuthorized
// into a webob error *raised* past the microversion middleware, which then adds the
// openstack-api-version header but not Vary (a response returned by a handler gets both).
import { ApiError } from '../http/api-error.js';

export class RaisedError extends ApiError {}
