import { describe, expect, it } from 'vitest';
import { Microversion, findServiceVersion } from '../../../src/http/microversion.js';

describe('Microversion', () => {
  it('parses X.Y without leading zeros', () => {
    expect(Microversion.parse('1.39')?.toString()).toBe('1.39');
    expect(Microversion.parse('2.0')?.toString()).toBe('2.0');
    expect(Microversion.parse('1.01')).toBeNull();
    expect(Microversion.parse('1')).toBeNull();
    expect(Microversion.parse('latest')).toBeNull();
  });
  it('compares', () => {
    const v = Microversion.of('1.14');
    expect(v.atLeast('1.14')).toBe(true);
    expect(v.atLeast('1.15')).toBe(false);
    expect(v.lessThan('1.2')).toBe(false);
    expect(v.within('1.10', '1.14')).toBe(true);
    expect(v.within('1.15', undefined)).toBe(false);
    expect(v.within(undefined, '1.13')).toBe(false);
  });
  it('finds the service value in OpenStack-API-Version', () => {
    expect(findServiceVersion('placement 1.20', 'placement')).toBe('1.20');
    expect(findServiceVersion('compute 2.1, placement latest', 'placement')).toBe('latest');
    expect(findServiceVersion(['compute 2.1', 'Placement 1.3'], 'placement')).toBe('1.3');
    expect(findServiceVersion('compute 2.1', 'placement')).toBeUndefined();
    expect(findServiceVersion(undefined, 'placement')).toBeUndefined();
  });
});

describe('findServiceVersion as microversion_parse.check_standard_header', () => {
  it('the last part naming the service wins; malformed parts are skipped (answers of the real Nova)', () => {
    expect(findServiceVersion('compute 2.5, compute 2.6', 'compute')).toBe('2.6');
    expect(findServiceVersion('compute 2.5, foo', 'compute')).toBe('2.5');
    expect(findServiceVersion('compute 2.5,', 'compute')).toBe('2.5');
    expect(findServiceVersion('compute', 'compute')).toBeUndefined();
    expect(findServiceVersion('compute 2.5 , placement 1.1', 'compute')).toBe('2.5');
    expect(findServiceVersion(' compute   2.7 ', 'compute')).toBe('2.7');
    expect(findServiceVersion(['compute 2.2', 'COMPUTE 2.3'], 'compute')).toBe('2.3');
  });
});
