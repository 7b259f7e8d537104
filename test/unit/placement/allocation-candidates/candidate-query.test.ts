// Query parsing of GET /allocation_candidates: placement's groups, request-wide params and
// its exact 400 messages (the gabbits match substrings of them).
import { describe, expect, it } from 'vitest';
import { parseCandidateQuery } from '../../../../src/placement/allocation-candidates/candidate-query.js';
import { Microversion } from '../../../../src/http/microversion.js';
import { ApiError } from '../../../../src/http/api-error.js';

function parse(qs: string, version = '1.39') {
  return parseCandidateQuery([...new URLSearchParams(qs).entries()], Microversion.of(version));
}

function errorOf(qs: string, version = '1.39'): ApiError {
  try {
    parse(qs, version);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error(`expected ${qs} to fail`);
}

describe('allocation candidates query parsing', () => {
  it('builds groups in query order with traits, aggregates and in_tree', () => {
    const agg = '7a1c0a46-3a0c-4b8e-9d5b-1f3f3a3a3a3a';
    const req = parse(`resources=VCPU:1,MEMORY_MB:512&resources_NET=SRIOV_NET_VF:1&required_NET=CUSTOM_A,!CUSTOM_B`
      + `&required_NET=in:CUSTOM_C,CUSTOM_D&member_of=in:${agg}&in_tree_NET=${agg}&group_policy=isolate&limit=3&limit=9`);
    expect(req.groups.map((g) => g.suffix)).toEqual(['', '_NET']);
    expect([...req.groups[0].resources]).toEqual([['VCPU', 1], ['MEMORY_MB', 512]]);
    expect(req.groups[0].useSameProvider).toBe(false);
    expect(req.groups[0].memberOf).toEqual([new Set([agg])]);
    expect(req.groups[1].requiredTraits).toEqual([new Set(['CUSTOM_A']), new Set(['CUSTOM_C', 'CUSTOM_D'])]);
    expect(req.groups[1].forbiddenTraits).toEqual(new Set(['CUSTOM_B']));
    expect(req.groups[1].inTree).toBe(agg);
    expect(req.params).toMatchObject({ limit: 3, groupPolicy: 'isolate' });
    expect(req.nestedAware).toBe(true);
  });

  it('takes only the last required before 1.39', () => {
    const req = parse('resources=VCPU:1&required=CUSTOM_A&required=CUSTOM_B', '1.38');
    expect(req.groups[0].requiredTraits).toEqual([new Set(['CUSTOM_B'])]);
  });

  it.each([
    ['resources=', 'Badly formed resources parameter. Expected resources query string parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: empty string.'],
    ['resources=VCPU', 'Badly formed resources parameter. Expected resources query string parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: VCPU.'],
    ['resources=VCPU:fred', 'Requested resource VCPU expected positive integer amount. Got: fred.'],
    ['resources=VCPU:-2', 'Requested resource VCPU requires amount >= 1. Got: -2.'],
    ['resources=VCPU:1&required=', "Invalid query string parameters: Expected 'required' parameter value of the form: HW_CPU_X86_VMX,!CUSTOM_MAGIC. Got an empty trait in: "],
    ['resources=VCPU:1&required=in:A,!B', "Invalid query string parameters: The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' does not support forbidden traits. Got: in:A,!B"],
    ['resources=VCPU:1&member_of=a,b', "Multiple values for 'member_of' must be prefixed with the 'in:' or '!in:' keyword using the valid microversion. Got: a,b"],
    ['resources=VCPU:1&member_of=nope', "Invalid query string parameters: Expected 'member_of' parameter to contain valid UUID(s). Got: nope"],
    ['resources=VCPU:1&in_tree=life-is-beautiful', "Invalid query string parameters: Expected 'in_tree' parameter to be a format of uuid. Got: life-is-beautiful"],
    ['resources1=VCPU:1&resources2=VCPU:1', 'The "group_policy" parameter is required when specifying more than one "resources{N}" parameter.'],
    ['resources=VCPU:1&required=CUSTOM_A,!CUSTOM_A', 'Conflicting required and forbidden traits found in the following traits keys: required: (CUSTOM_A)'],
    ['resources=VCPU:1&root_required=A&root_required=B', "Query parameter 'root_required' may be specified only once."],
    ['resources=VCPU:1&root_required=A,!A', 'Conflicting required and forbidden traits found in root_required: A'],
    ['resources1=VCPU:1&required2=CUSTOM_A&group_policy=none', "Resourceless suffixed group request should be specified in `same_subtree` query param: bad group(s) - ['2']."],
    ['member_of1=7a1c0a46-3a0c-4b8e-9d5b-1f3f3a3a3a3a', 'There must be at least one resources or resources[$S] parameter.'],
    ['resources_A=VCPU:1&same_subtree=_A,_B', "Real suffixes should be specified in `same_subtree`: ['_B'] not found in ['_A']."],
    ['resources_A=VCPU:1&same_subtree=_A,,_B', 'Empty string (unsuffixed group) can not be specified in `same_subtree` '],
  ])('rejects %s', (qs, message) => {
    const e = errorOf(qs);
    expect(e.status).toBe(400);
    expect(e.detail).toBe(message);
  });

  it('applies the pre-1.36 orphan rules', () => {
    expect(errorOf('required=FOO&required1=BAR', '1.25').detail).toContain('Found the following orphaned traits keys: required, required1');
    expect(errorOf('resources=VCPU:1&in_tree1=7a1c0a46-3a0c-4b8e-9d5b-1f3f3a3a3a3a', '1.31').detail).toBe('All request groups must specify resources.');
    expect(errorOf('group_policy=isolate', '1.25').detail).toBe('At least one request group (`resources` or `resources{$S}`) is required.');
    expect(errorOf('resources=VCPU:1&required=in:A,B', '1.38').detail).toContain("only supported since microversion 1.39");
    expect(errorOf('resources=VCPU:1&required=!A', '1.21').detail).toContain('HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: !A');
  });

  it('codes the newer errors', () => {
    expect(errorOf('resources_A=VCPU:1&same_subtree=_A,_B').code).toBe('placement.query.bad_value');
    expect(errorOf('member_of1=7a1c0a46-3a0c-4b8e-9d5b-1f3f3a3a3a3a').code).toBe('placement.query.missing_value');
    expect(errorOf('resources=VCPU:1&root_required=A&root_required=B').code).toBe('placement.query.duplicate_key');
  });
});
