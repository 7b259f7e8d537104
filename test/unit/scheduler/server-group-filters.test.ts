// nova/scheduler/filters/affinity_filter.py and weights/affinity.py, host by host.
import { describe, expect, test } from 'vitest';
import { passesGroupFilters, softAffinityValue, type GroupPlacement } from '../../../src/scheduler/server-group-filters.js';

function group(policy: string, membersOn: Record<string, string[]>, o: { rules?: Record<string, number>; instance?: string } = {}): GroupPlacement {
  return {
    uuid: 'g', policy, rules: o.rules ?? {}, instanceUuid: o.instance ?? 'new',
    hosts: new Set(Object.keys(membersOn)),
    membersOn: new Map(Object.entries(membersOn).map(([h, m]) => [h, new Set(m)])),
  };
}

describe('ServerGroupAntiAffinityFilter', () => {
  test('a host with a member fails; max_server_per_host raises the bar', () => {
    const g = group('anti-affinity', { host1: ['a'] });
    expect(passesGroupFilters(g, 'host1')).toBe(false);
    expect(passesGroupFilters(g, 'host2')).toBe(true);
    const two = group('anti-affinity', { host1: ['a'] }, { rules: { max_server_per_host: 2 } });
    expect(passesGroupFilters(two, 'host1')).toBe(true);
    expect(passesGroupFilters(group('anti-affinity', { host1: ['a', 'b'] }, { rules: { max_server_per_host: 2 } }), 'host1')).toBe(false);
  });
  test('a move may stay on the host the instance is on', () => {
    expect(passesGroupFilters(group('anti-affinity', { host1: ['a', 'me'] }, { instance: 'me' }), 'host1')).toBe(true);
  });
});

describe('ServerGroupAffinityFilter', () => {
  test('only the group hosts pass, any host when the group has none yet', () => {
    const g = group('affinity', { host1: ['a'] });
    expect(passesGroupFilters(g, 'host1')).toBe(true);
    expect(passesGroupFilters(g, 'host2')).toBe(false);
    expect(passesGroupFilters(group('affinity', {}), 'host2')).toBe(true);
  });
  test('soft policies and no group filter nothing', () => {
    expect(passesGroupFilters(group('soft-affinity', { host1: ['a'] }), 'host2')).toBe(true);
    expect(passesGroupFilters(group('soft-anti-affinity', { host1: ['a'] }), 'host1')).toBe(true);
    expect(passesGroupFilters(null, 'host1')).toBe(true);
  });
});

describe('soft (anti-)affinity weighers', () => {
  test('members on the host, negated for anti-affinity, 0 for another policy', () => {
    const soft = group('soft-affinity', { host1: ['a', 'b'] });
    expect(softAffinityValue(soft, 'host1', 'soft-affinity')).toBe(2);
    expect(softAffinityValue(soft, 'host2', 'soft-affinity')).toBe(0);
    expect(softAffinityValue(soft, 'host1', 'soft-anti-affinity')).toBe(0);
    expect(softAffinityValue(group('soft-anti-affinity', { host1: ['a'] }), 'host1', 'soft-anti-affinity')).toBe(-1);
  });
});
