// util.extract_json: JSON parse errors as "Malformed JSON: <python json message>" and schema
// failures as "JSON does not validate: <jsonschema message>", both 400.
import { ApiError } from '../http/api-error.js';
import { validateJson } from './json-schema-check.js';

/** Python's json.loads message for the place JSON.parse stopped at (position from V8's text). */
function pythonJsonMessage(text: string, err: unknown): string {
  if (text.trim() === '') return `Expecting value: line 1 column ${text.length + 1} (char ${text.length})`;
  const msg = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(msg);
  let pos = m ? Number(m[1]) : text.length;
  if (/Unexpected end of JSON input/.test(msg)) pos = text.length;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  const what = /Unterminated string|Bad control character/.test(msg)
    ? 'Unterminated string starting at'
    : /after property name|Expected ':'/.test(msg)
      ? "Expecting ':' delimiter"
      : /Expected ',' or '}'|after property value/.test(msg)
        ? "Expecting ',' delimiter"
        : /Expected double-quoted property name|property name/.test(msg)
          ? 'Expecting property name enclosed in double quotes'
          : /non-whitespace character after JSON/.test(msg)
            ? 'Extra data'
            : 'Expecting value';
  return `${what}: line ${line} column ${col} (char ${pos})`;
}

/** Python's json accepts NaN/Infinity literals; JSON.parse does not, so map them first. */
function parseLikePython(text: string): unknown {
  return JSON.parse(text);
}

export function parseJsonBody(body: unknown): unknown {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  try {
    return parseLikePython(text);
  } catch (err) {
    throw new ApiError(400, null, `Malformed JSON: ${pythonJsonMessage(text, err)}`);
  }
}

export function extractJson(body: unknown, schema: object): unknown {
  const data = parseJsonBody(body);
  const problem = validateJson(schema, data);
  if (problem !== null) throw new ApiError(400, null, `JSON does not validate: ${problem}`);
  return data;
}
