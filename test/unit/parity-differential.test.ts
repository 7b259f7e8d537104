// The randomized differential's own machinery (no cloud): seeds are reproducible, specs are
// plain data, and the shrinker finds the ops a failure needs.
import { describe, expect, test } from 'vitest';
import { generate, prng, shrink, toFlow, type DiffSpec, type Op } from '../parity/lib/differential.js';

describe('randomized differential', () => {
  test('a seed always gives the same spec; another seed another one', () => {
    expect(generate(7)).toEqual(generate(7));
    expect(JSON.stringify(generate(7))).not.toBe(JSON.stringify(generate(8)));
    expect(prng(1)()).toBe(prng(1)());
  });

  test('hosts have distinct sizes (fewer weight ties), every op is a flow step', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const spec = generate(seed, 15);
      expect(spec.ops).toHaveLength(15);
      expect(new Set(spec.hosts.map((h) => h.memory_mb)).size).toBe(spec.hosts.length);
      expect(toFlow(spec, 'x').steps).toHaveLength(15);
      // a server is acted on only after its create
      const created = new Set<string>();
      for (const o of spec.ops) {
        if (o.op === 'boot') created.add(o.sym);
        if (o.op === 'multi') for (let i = 1; i <= o.count; i++) created.add(`${o.prefix}_${i}`);
        if (o.op === 'action' || o.op === 'delete') expect(created.has(o.sym)).toBe(true);
      }
    }
  });

  test('the mix covers creates, groups, multi-create, other projects, forced hosts, faults, moves and deletes', () => {
    const ops = Array.from({ length: 40 }, (_, i) => generate(i + 1, 15).ops).flat();
    const kinds = new Set(ops.map((o) => (o.op === 'action' ? Object.keys(o.body)[0] : o.op)));
    for (const k of ['boot', 'multi', 'group', 'fault', 'delete', 'resize', 'migrate', 'confirmResize', 'revertResize', 'os-stop', 'os-start', 'reboot', 'rebuild', 'os-resetState']) {
      expect(kinds.has(k), k).toBe(true);
    }
    expect(ops.some((o) => o.op === 'boot' && o.forcedHost)).toBe(true);
    expect(ops.some((o) => o.op === 'boot' && o.project === 'other')).toBe(true);
  });

  test('the shrinker keeps exactly the ops a failure needs', async () => {
    const ops: Op[] = Array.from({ length: 13 }, (_, i) => ({ op: 'delete', sym: `SERVER_${i + 1}` }));
    const spec: DiffSpec = { origin: 'test', hosts: [], config: {}, ops };
    const needs = (s: DiffSpec) => ['SERVER_3', 'SERVER_11'].every((n) => s.ops.some((o) => o.op === 'delete' && o.sym === n));
    let runs = 0;
    const small = await shrink(spec, async (s) => { runs++; return needs(s); });
    expect(small.ops).toEqual([{ op: 'delete', sym: 'SERVER_3' }, { op: 'delete', sym: 'SERVER_11' }]);
    expect(small.origin).toBe('test, shrunk');
    expect(runs).toBeLessThan(40);
  });
});
