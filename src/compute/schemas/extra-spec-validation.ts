// Flavor extra spec validation from 2.86 (nova/api/validation/extra_specs: validators.validate and
// base.ExtraSpecValidator), over the registry generated from the real Nova. Known names get their
// value checked; an unknown name in a namespace nova owns is refused; anything else passes.
import { ApiError } from '../../http/api-error.js';
import { strictBoolOrNull } from './parameter-types.js';
import { EXTRA_SPEC_NAMESPACES, EXTRA_SPEC_RULES } from './extra-spec-validators.js';
import type { ExtraSpecRule } from './extra-spec-rule.js';

/** re.fullmatch as a JS RegExp. */
const fullmatch = (pyRegex: string) => new RegExp(`^(?:${pyRegex.replace(/\(\?P</g, '(?<')})$`, 'u');

interface CompiledRule { rule: ExtraSpecRule; name: RegExp; value: RegExp | null }
let compiled: { byName: Map<string, CompiledRule>; all: CompiledRule[]; namespaces: RegExp[] } | null = null;
function registry() {
  if (!compiled) {
    const all = EXTRA_SPEC_RULES.map((rule) => ({ rule, name: fullmatch(rule.nameRegex), value: rule.value.pattern ? fullmatch(rule.value.pattern) : null }));
    compiled = { byName: new Map(all.map((c) => [c.rule.name, c])), all, namespaces: EXTRA_SPEC_NAMESPACES.map(fullmatch) };
  }
  return compiled;
}

const fail = (msg: string) => new ApiError(400, null, `Validation failed; ${msg}`);

function checkValue(c: CompiledRule, value: string): void {
  const v = c.rule.value;
  if (v.type === 'int') {
    // int(str): surrounding whitespace, a sign and digit-separating underscores are fine
    if (!/^\s*[+-]?\d+(_\d+)*\s*$/u.test(value)) throw fail(`'${value}' is not a valid integer value.`);
    const n = Number(value.replace(/_/g, '').trim());
    if (v.max !== undefined && v.max < n) throw fail(`'${n}' is greater than the max value of '${v.max}'.`);
    if (v.min !== undefined && v.min > n) throw fail(`'${n}' is less than the min value of '${v.min}'.`);
  } else if (v.type === 'bool') {
    if (strictBoolOrNull(value) === null) throw fail(`'${value}' is not a valid boolean-like value.`);
  } else if (c.value) {
    if (!c.value.test(value)) throw fail(`'${value}' is not of the format '${v.pattern}'.`);
  } else if (v.enum !== undefined || v.enumText !== undefined) {
    if (!(v.enum ?? []).includes(value)) throw fail(`'${value}' is not one of: ${v.enumText ?? ''}.`);
  }
}

/** validators.validate(name, value): throws nova's 400 ValidationError. */
export function validateExtraSpec(name: string, value: string): void {
  const r = registry();
  const exact = r.byName.get(name);
  if (exact) {
    if (!exact.name.test(name)) throw fail(`expected a name of format '${exact.rule.name}' but got '${name}'.`);
    checkValue(exact, value);
    return;
  }
  const found = r.all.find((c) => c.name.test(name));
  if (found) { checkValue(found, value); return; }
  if (!name.includes(':')) return;
  const ns = name.split(':', 1)[0]!;
  if (!r.namespaces.some((re) => re.test(ns))) return;
  throw fail(`extra spec '${name}' does not appear to be a valid extra spec.`);
}
