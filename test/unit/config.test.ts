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

describe('connection time bounds', () => {
  it('have defaults, and a headers timeout may not exceed the request timeout', () => {
    const c = loadConfig({}, []);
    expect([c.headersTimeoutMs, c.requestTimeoutMs, c.idleTimeoutMs]).toEqual([10_000, 30_000, 75_000]);
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(/HEADERS_TIMEOUT_MS \(5000\) must not exceed REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ IDLE_TIMEOUT_MS: '0' })).toThrow(/IDLE_TIMEOUT_MS must be a positive integer/);
  });
});
