import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('config', () => {
  it('has documented defaults', () => {
    const c = loadConfig({}, []);
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.placementStandalonePort).toBe(0);
    expect(c.database).toBe(':memory:');
    expect(c.progression).toBe('immediate');
  });
  it('reads env, and flags win over env', () => {
    const c = loadConfig({ PORT: '9000', PLACEMENT_STANDALONE_PORT: '8778' }, ['--port', '9100']);
    expect(c.port).toBe(9100);
    expect(c.placementStandalonePort).toBe(8778);
  });
  it('rejects bad values with a clear message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT must be a non-negative integer/);
    expect(() => loadConfig({ PROGRESSION: 'fast' })).toThrow(/PROGRESSION must be one of/);
  });
});
