// placement/util.py's normalize_*_qs_param(s): the query value grammars shared by
// GET /allocation_candidates and GET /resource_providers, with Placement's exact messages.
// Each throws a 400 ApiError (Placement's default error code) on a malformed value.
import { ApiError } from '../../http/api-error.js';
import { ErrorCodes } from '../error-codes.js';
import { isUuidLike } from '../../http/python/json-value-checks.js';

function badRequest(detail: string): ApiError {
  return new ApiError(400, ErrorCodes.DEFAULT, detail);
}

/** Python int(): optional sign, digits with single underscores between, surrounding whitespace. */
function pythonInt(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

/** normalize_resources_qs_param: "VCPU:2,MEMORY_MB:1024" -> Map in order (a repeated class: last wins). */
export function normalizeResources(qs: string): Map<string, number> {
  if (qs.trim() === '') {
    throw badRequest('Badly formed resources parameter. Expected resources query string parameter in form: '
      + '?resources=VCPU:2,MEMORY_MB:1024. Got: empty string.');
  }
  const out = new Map<string, number>();
  for (const rt of qs.split(',')) {
    const parts = rt.split(':');
    if (parts.length !== 2) {
      throw badRequest('Badly formed resources parameter. Expected resources query string parameter in form: '
        + `?resources=VCPU:2,MEMORY_MB:1024. Got: ${rt}.`);
    }
    const [rc, rawAmount] = parts;
    const amount = pythonInt(rawAmount);
    if (amount === null) throw badRequest(`Requested resource ${rc} expected positive integer amount. Got: ${rawAmount}.`);
    if (amount < 1) throw badRequest(`Requested resource ${rc} requires amount >= 1. Got: ${amount}.`);
    out.set(rc, amount);
  }
  return out;
}

export interface TraitExpression {
  /** AND of OR-sets */
  required: Set<string>[];
  forbidden: Set<string>;
}

/** normalize_traits_qs_param: one value, "A,!B" or (1.39) "in:A,B". */
export function normalizeTraits(val: string, allowForbidden: boolean, allowAnyTraits: boolean): TraitExpression {
  if (val.startsWith('in:')) {
    if (!allowAnyTraits) {
      throw badRequest("Invalid query string parameters: The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' only "
        + `supported since microversion 1.39. Got: ${val}`);
    }
    const anyOf = new Set(val.slice(3).split(',').map((s) => s.trim()));
    if ([...anyOf].some((t) => t === '')) {
      throw badRequest("Invalid query string parameters: Expected 'required' parameter value of the form: "
        + `in:HW_CPU_X86_VMX,CUSTOM_MAGIC. Got an empty trait in: ${val}`);
    }
    if ([...anyOf].some((t) => t.startsWith('!'))) {
      throw badRequest("Invalid query string parameters: The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' does not "
        + `support forbidden traits. Got: ${val}`);
    }
    return { required: [anyOf], forbidden: new Set() };
  }
  const all = val.split(',').map((s) => s.trim());
  // lstrip('!'): "!!!FOO" is FOO, a known upstream quirk kept for compatibility.
  const forbidden = new Set(all.filter((t) => t.startsWith('!')).map((t) => t.replace(/^!+/, '')));
  if (all.some((t) => t === '') || [...forbidden].some((t) => t === '')) {
    const form = allowForbidden ? 'HW_CPU_X86_VMX,!CUSTOM_MAGIC' : 'HW_CPU_X86_VMX,CUSTOM_MAGIC';
    throw badRequest(`Invalid query string parameters: Expected 'required' parameter value of the form: ${form}. `
      + `Got an empty trait in: ${val}`);
  }
  if (forbidden.size > 0 && !allowForbidden) {
    throw badRequest("Invalid query string parameters: Expected 'required' parameter value of the form: "
      + `HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: ${val}`);
  }
  return { required: all.filter((t) => !t.startsWith('!')).map((t) => new Set([t])), forbidden };
}

/**
 * normalize_traits_qs_params: every value of `required<suffix>` from 1.39 (repeatable), only
 * the last one before; forbidden traits from 1.22.
 */
export function normalizeTraitParams(values: readonly string[], allowForbidden: boolean, allowAnyTraits: boolean): TraitExpression {
  const out: TraitExpression = { required: [], forbidden: new Set() };
  for (const v of allowAnyTraits ? values : values.slice(-1)) {
    const e = normalizeTraits(v, allowForbidden, allowAnyTraits);
    out.required.push(...e.required);
    for (const t of e.forbidden) out.forbidden.add(t);
  }
  return out;
}

/** normalize_traits_qs_param_to_legacy_value + lib._fix_one_forbidden (root_required). */
export function normalizeRootRequired(val: string): { required: Set<string>; forbidden: Set<string> } {
  const e = normalizeTraits(val, true, false);
  const required = new Set<string>();
  for (const s of e.required) for (const t of s) required.add(t);
  const conflicts = [...e.forbidden].filter((t) => required.has(t));
  if (conflicts.length > 0) {
    throw new ApiError(400, ErrorCodes.QUERYPARAM_BAD_VALUE,
      `Conflicting required and forbidden traits found in root_required: ${conflicts.join(', ')}`);
  }
  return { required, forbidden: e.forbidden };
}

export interface AggregateExpression {
  /** AND of OR-sets */
  memberOf: Set<string>[];
  forbidden: Set<string>;
}

/** normalize_member_of_qs_param: "U", "!U", "in:U1,U2", "!in:U1,U2". */
export function normalizeMemberOf(value: string): { required: Set<string>; forbidden: Set<string> } {
  if (value.includes(',') && !(value.startsWith('in:') || value.startsWith('!in:'))) {
    throw badRequest("Multiple values for 'member_of' must be prefixed with the 'in:' or '!in:' keyword using "
      + `the valid microversion. Got: ${value}`);
  }
  let required = new Set<string>();
  let forbidden = new Set<string>();
  if (value.startsWith('!in:')) forbidden = new Set(value.slice(4).split(','));
  else if (value.startsWith('!')) forbidden = new Set([value.slice(1)]);
  else if (value.startsWith('in:')) required = new Set(value.slice(3).split(','));
  else required = new Set([value]);
  for (const agg of [...required, ...forbidden]) {
    if (!isUuidLike(agg)) {
      throw badRequest(`Invalid query string parameters: Expected 'member_of' parameter to contain valid UUID(s). Got: ${agg}`);
    }
  }
  return { required, forbidden };
}

/**
 * normalize_member_of_qs_params: all values of `member_of<suffix>`; several only from 1.24,
 * forbidden ('!') only from 1.32.
 */
export function normalizeMemberOfParams(values: readonly string[], suffix: string, multi: boolean, allowForbidden: boolean): AggregateExpression {
  if (!multi && values.length > 1) throw badRequest(`Multiple member_of${suffix} parameters are not supported`);
  const out: AggregateExpression = { memberOf: [], forbidden: new Set() };
  for (const v of values) {
    const { required, forbidden } = normalizeMemberOf(v);
    if (required.size > 0) out.memberOf.push(required);
    if (forbidden.size > 0) {
      if (!allowForbidden) throw badRequest(`Forbidden member_of${suffix} parameters are not supported in the specified microversion`);
      for (const a of forbidden) out.forbidden.add(a);
    }
  }
  return out;
}

/** normalize_in_tree_qs_params */
export function normalizeInTree(value: string): string {
  const ret = value.trim();
  if (!isUuidLike(ret)) {
    throw badRequest(`Invalid query string parameters: Expected 'in_tree' parameter to be a format of uuid. Got: ${value}`);
  }
  return ret;
}
