// Placement microversion list and negotiation (microversion_parse rules).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/http/api-error.js';
import { MAX_VERSION, MIN_VERSION, negotiateVersion, VERSIONS } from '../../../src/placement/versions.js';

describe('VERSIONS', () => {
  it('is 1.0 .. 1.39 with no gap', () => {
    expect(VERSIONS).toEqual(Array.from({ length: 40 }, (_, i) => `1.${i}`));
    expect([MIN_VERSION, MAX_VERSION]).toEqual(['1.0', '1.39']);
  });
});

describe('negotiateVersion', () => {
  const status = (h: string | undefined) => { try { negotiateVersion(h); return 200; } catch (e) { return (e as ApiError).status; } };
  it('defaults to the minimum and maps latest to the maximum', () => {
    expect(negotiateVersion(undefined).toString()).toBe('1.0');
    expect(negotiateVersion('placement latest').toString()).toBe('1.39');
  });
  it('finds the placement entry among other services, the last one winning', () => {
    expect(negotiateVersion('compute 2.1, placement 1.20').toString()).toBe('1.20');
    expect(negotiateVersion('placement 1.2, placement 1.30').toString()).toBe('1.30');
    expect(negotiateVersion('compute 2.90').toString()).toBe('1.0');
  });
  it('is lenient like int(): leading zeros', () => {
    expect(negotiateVersion('placement 1.05').toString()).toBe('1.5');
  });
  it('400 for malformed, 406 for unknown', () => {
    expect(status('placement pony.horse')).toBe(400);
    expect(status('placement 1.2.3')).toBe(400);
    expect(status('placement 1')).toBe(400);
    expect(status('placement 0.5')).toBe(406);
    expect(status('placement 1.40')).toBe(406);
    expect(status('placement 2.0')).toBe(406);
  });
});
