// GET /resource_providers filters over a hand-built snapshot: every filter looks at the provider
// itself (no tree spanning, no sharing), and placement's order of checks decides errors.
import { describe, expect, it } from 'vitest';
import { searchSnapshot } from '../../../../src/placement/allocation-candidates/resource-provider-search.js';
import { SnapshotBuilder } from '../../../helpers/provider-snapshot-builder.js';

const b = new SnapshotBuilder()
  .provider('cn1', { aggs: ['agg1'], traits: ['CUSTOM_A'], inv: { VCPU: 8, DISK_GB: { total: 100, step_size: 10, min_unit: 10 } }, used: { VCPU: 6 } })
  .provider('numa1', { parent: 'cn1', traits: ['CUSTOM_B'], inv: { VCPU: 4 } })
  .provider('cn2', { aggs: ['agg2'], traits: ['CUSTOM_A', 'CUSTOM_B'], inv: { VCPU: 8 } })
  .provider('ss', { aggs: ['agg1', 'agg2'], traits: ['MISC_SHARES_VIA_AGGREGATE'], inv: { DISK_GB: 1000 } });
const snap = b.build();
const names = (ids: number[]) => ids.map((id) => snap.providers.get(id)!.name);

describe('resource provider search', () => {
  it('filters by resources with placement capacity rules', () => {
    expect(names(searchSnapshot(snap, { resources: { VCPU: 3 } }))).toEqual(['numa1', 'cn2']);
    expect(names(searchSnapshot(snap, { resources: { DISK_GB: 15 } }))).toEqual(['ss']);
    expect(names(searchSnapshot(snap, { resources: { DISK_GB: 20 } }))).toEqual(['cn1', 'ss']);
  });

  it('matches aggregates on the provider itself, never through its root', () => {
    expect(names(searchSnapshot(snap, { memberOf: { anyOf: [['agg1']], forbidden: [] } }))).toEqual(['cn1', 'ss']);
    expect(names(searchSnapshot(snap, { memberOf: { anyOf: [['agg1'], ['agg2']], forbidden: [] } }))).toEqual(['ss']);
    expect(names(searchSnapshot(snap, { memberOf: { anyOf: [['agg1', 'agg2']], forbidden: ['agg2'] } }))).toEqual(['cn1']);
    expect(searchSnapshot(snap, { memberOf: { anyOf: [['agg-none']], forbidden: [] } })).toEqual([]);
  });

  it('filters by required, any-of and forbidden traits', () => {
    expect(names(searchSnapshot(snap, { required: { allOf: ['CUSTOM_A'], anyOf: [], forbidden: [] } }))).toEqual(['cn1', 'cn2']);
    expect(names(searchSnapshot(snap, { required: { allOf: [], anyOf: [['CUSTOM_B', 'MISC_SHARES_VIA_AGGREGATE']], forbidden: ['CUSTOM_A'] } }))).toEqual(['numa1', 'ss']);
  });

  it('restricts to a tree and combines with name/uuid', () => {
    expect(names(searchSnapshot(snap, { inTree: 'numa1' }))).toEqual(['cn1', 'numa1']);
    expect(names(searchSnapshot(snap, { inTree: 'numa1', name: 'numa1' }))).toEqual(['numa1']);
    expect(searchSnapshot(snap, { inTree: 'nobody' })).toEqual([]);
  });

  it('reports unknown names in placement order, after an empty answer wins', () => {
    expect(() => searchSnapshot(snap, { required: { allOf: ['CUSTOM_NOPE'], anyOf: [], forbidden: [] } }))
      .toThrow('Invalid trait(s) in "required" parameter: No such trait(s): CUSTOM_NOPE.');
    expect(() => searchSnapshot(snap, { resources: { MCPU: 1 } }))
      .toThrow('Invalid resource class in resources parameter: No such resource class MCPU.');
    // No provider has the required traits together: placement returns [] before looking at classes.
    expect(searchSnapshot(snap, { required: { allOf: ['CUSTOM_A', 'MISC_SHARES_VIA_AGGREGATE'], anyOf: [], forbidden: [] }, resources: { MCPU: 1 } })).toEqual([]);
  });
});
