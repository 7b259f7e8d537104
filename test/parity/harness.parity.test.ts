// The comparison machinery itself (no cloud needed): what is normalized, what is kept, and
// how lists of actions are aligned. If these were wrong the suite could hide differences.
import { describe, expect, it } from 'vitest';
import { diffFlows, diffValues } from './lib/diff.js';
import type { FlowRecord, StepRecord } from './lib/flow.js';
import { Normalizer } from './lib/normalize.js';
import { knownReason } from './known-differences.js';

const SERVER = '0d5c8c2e-7d0e-4a4f-9a0b-2f1c3d4e5f60';
const OTHER = '11111111-2222-4333-8444-555555555555';

describe('Normalizer', () => {
  it('names known uuids, masks the others, inside strings and keys too', () => {
    const n = new Normalizer();
    n.name(SERVER, 'SERVER_1');
    expect(n.value({ [SERVER]: `Instance ${SERVER} and ${OTHER}` })).toEqual({ SERVER_1: 'Instance SERVER_1 and <uuid>' });
  });

  it('keeps the shape of a timestamp, so a format difference still shows', () => {
    const n = new Normalizer();
    expect(n.string('2026-11-24T16:27:30Z')).toBe('<time dddd-dd-ddTdd:dd:ddZ>');
    expect(n.string('2026-11-24T16:27:30.123456')).toBe('<time dddd-dd-ddTdd:dd:dd.dddddd>');
    expect(n.string('2026-11-24T16:27:30Z')).not.toBe(n.string('2026-11-24T16:27:30.123456'));
  });

  it('masks URL hosts, tracebacks only when they are tracebacks, and the admin password', () => {
    const n = new Normalizer();
    expect(n.string('http://127.0.0.1:18774/compute/v2.1/servers')).toBe('http://HOST/compute/v2.1/servers');
    expect(n.value({ details: 'Traceback (most recent call last):\n  File "x"' })).toEqual({ details: '<traceback>' });
    expect(n.value({ details: 'No valid host was found. ' })).toEqual({ details: 'No valid host was found. ' });
    expect(n.value({ adminPass: 'abc' })).toEqual({ adminPass: '<password>' });
  });

  it('numbers request ids by first sight unless named', () => {
    const n = new Normalizer();
    n.nameRequest(`req-${OTHER}`, 'req-resize_1');
    expect(n.string(`req-${SERVER}`)).toBe('req-REQ_1');
    expect(n.string(`req-${OTHER}`)).toBe('req-resize_1');
  });
});

describe('diff', () => {
  it('reports a changed value, a missing key and an extra key', () => {
    const out: { path: string; real: unknown; mock: unknown }[] = [];
    diffValues({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 }, '', out);
    diffValues({ d: null }, {}, '', out);
    expect(out).toEqual([
      { path: 'b', real: 2, mock: 3 },
      { path: 'c', real: '<absent>', mock: 4 },
      { path: 'd', real: null, mock: '<absent>' },
    ]);
  });

  it('aligns actions on what they are: one extra action is one difference', () => {
    const action = (name: string, id: string, msg: string | null = null) => ({ listed: { action: name, request_id: id, message: msg } });
    const out: { path: string; real: unknown; mock: unknown }[] = [];
    diffValues([action('lock', 'r2'), action('create', 'r1')], [action('lock', 'r3'), action('lock', 'r2'), action('create', 'r1', 'Error')], '', out);
    expect(out.map((d) => d.path)).toEqual(['.length', '[+0]', '[1].listed.message']);
  });

  it('compares the state right after an answer only when asked to', () => {
    const step = (justAfter: string): StepRecord => ({
      name: 'resize SERVER_1',
      answer: { status: 202, body: null },
      snapshot: null,
      settled: true,
      seen: [],
      justAfter: { SERVER_1: { server: justAfter, migration: '' } },
      compareSeen: 'state',
      polls: 1,
      ms: 1,
    });
    const rec = (side: string, s: StepRecord): FlowRecord => ({ flow: 'f', side, steps: [s], ms: 1, resetMs: 1 });
    const real = rec('real', step('RESIZE active/resize_prep'));
    const mock = rec('mock', step('VERIFY_RESIZE resized/null'));
    expect(diffFlows(real, mock, false)).toEqual([]);
    expect(diffFlows(real, mock, true).map((d) => d.path)).toEqual(['justAfter.SERVER_1']);
  });

  it('accepts nothing that is not in the known-differences table', () => {
    expect(knownReason({ flow: 'resize_confirm', side: 'mock', step: '3. resize SERVER_1', path: 'servers.SERVER_1.show.server.status', real: 'VERIFY_RESIZE', mock: 'ACTIVE' })).toBeNull();
  });
});
