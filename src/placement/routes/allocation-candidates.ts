// GET /allocation_candidates (handlers/allocation_candidate.py).
// Thin: policy, query schema, parse, one pure search over the index snapshot, view.
import { Type } from 'typebox';
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import { allocationCandidatesQuerySchemas } from '../allocation-candidates/candidate-query-schema.js';
import { parseCandidateQuery } from '../allocation-candidates/candidate-query.js';
import { findAllocationCandidates } from '../allocation-candidates/find-allocation-candidates.js';
import { renderAllocationCandidatesJson } from '../allocation-candidates/candidate-view.js';
import { UnknownNameError } from '../allocation-candidates/candidate-request.js';
import { always } from '../schemas/versioned.js';
import type { PlacementCall, PlacementResponse, RouteDeclaration } from './route-declaration.js';

function listAllocationCandidates(call: PlacementCall): PlacementResponse {
  call.can('placement:allocation_candidates:list');
  call.validateQuery(allocationCandidatesQuerySchemas);
  const request = parseCandidateQuery(call.queryPairs, call.version);
  const snap = call.service.index.snapshot();
  let found;
  try {
    found = findAllocationCandidates(snap, request);
  } catch (e) {
    if (!(e instanceof UnknownNameError)) throw e;
    const detail = e.kind === 'resource_class' ? `Invalid resource class in resources parameter: ${e.message}` : e.message;
    throw new ApiError(400, ErrorCodes.DEFAULT, detail);
  }
  const headers: Record<string, string> = {};
  if (call.version.atLeast('1.15')) {
    // Computed data: last-modified is "now".
    headers['cache-control'] = 'no-cache';
    headers['last-modified'] = call.service.runtime.clock.now().toUTCString();
  }
  const json = renderAllocationCandidatesJson(snap, found, request, call.version, (size) => call.responseBuffer(size));
  // The body is already JSON bytes (much cheaper at 10k candidates than objects + stringify):
  // `rawJson` is sent as is where the framework supports it; `body` parses it otherwise (for
  // in-process callers, whose buffer is their own: over HTTP it is reused once sent).
  const response = {
    status: 200,
    headers,
    rawJson: json,
    get body(): unknown { return JSON.parse(json.toString('utf8')); },
  };
  return response;
}

const responseSchema = Type.Object({
  allocation_requests: Type.Array(Type.Object({}, { additionalProperties: true })),
  provider_summaries: Type.Record(Type.String(), Type.Object({}, { additionalProperties: true })),
}, { additionalProperties: false });

export const allocationCandidateRoutes: readonly RouteDeclaration[] = [
  {
    path: '/allocation_candidates', method: 'GET', minVersion: '1.10', outsideWindow: 404, checkAccept: true,
    schemas: { query: allocationCandidatesQuerySchemas, response: always(responseSchema) },
    summary: 'Allocation requests that fit a resource request, with summaries of the providers involved',
    handler: listAllocationCandidates,
  },
];
