// util.extract_json: JSON parse errors as "Malformed JSON: <python json message>" and schema
// failures as "JSON does not validate: <jsonschema message>", both 400.
import { ApiError } from '../http/api-error.js';
import { validateJson } from '../http/python/json-schema-check.js';
import { pythonJsonLoads, PythonJsonError } from '../http/python/json-loads.js';
import { pythonUtf8Error } from '../http/python/utf8.js';

export function parseJsonBody(body: unknown): unknown {
  if (Buffer.isBuffer(body)) {
    // jsonutils.loads decodes the bytes first; its UnicodeDecodeError is a ValueError too.
    const bad = pythonUtf8Error(body);
    if (bad !== null) throw new ApiError(400, null, `Malformed JSON: ${bad}`);
  }
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  try {
    return JSON.parse(text);
  } catch {
    // Slow path only for bodies JSON.parse refuses: Python's decoder gives the message (and
    // accepts NaN / Infinity, which are then judged by the schema).
    try {
      return pythonJsonLoads(text);
    } catch (err) {
      if (err instanceof PythonJsonError) throw new ApiError(400, null, `Malformed JSON: ${err.message}`);
      // Python gives up with a RecursionError (a 500 upstream); a bad body is a 400 here.
      if (err instanceof RangeError) throw new ApiError(400, null, 'Malformed JSON: maximum recursion depth exceeded while decoding a JSON document');
      throw err;
    }
  }
}

export function extractJson(body: unknown, schema: object): unknown {
  const data = parseJsonBody(body);
  const problem = validateJson(schema, data);
  if (problem !== null) throw new ApiError(400, null, `JSON does not validate: ${problem}`);
  return data;
}
