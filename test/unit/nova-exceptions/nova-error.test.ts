import { describe, expect, test } from 'vitest';
import { formatMsg, novaError, novaErrorFrom } from '../../../src/nova-exceptions/nova-error.js';
import { FaultPlan } from '../../../src/driver/fault-plan.js';

describe('nova exceptions from the fault plan', () => {
  test('a class without msg_fmt keys: its message, its code', () => {
    const e = novaErrorFrom({ type: 'VirtualInterfaceCreateException' });
    expect([e.message, e.code, e.faultMessage, e.isNova]).toEqual(['Virtual Interface creation failed', 500, 'Virtual Interface creation failed', true]);
    expect(novaErrorFrom({ type: 'VirtualInterfaceCreateException', message: 'custom' }).message).toBe('custom');
  });
  test('msg_fmt keys are filled with the message (or "injected fault"), as the real control plane does', () => {
    expect(novaErrorFrom({ type: 'ResizeError', message: 'disk' }).message).toBe('Resize error: disk');
    expect(novaErrorFrom({ type: 'ComputeResourcesUnavailable' }).message).toBe('Insufficient compute resources: injected fault.');
    expect(novaErrorFrom({ type: 'ComputeResourcesUnavailable' }).code).toBe(400);
  });
  test('non-nova exceptions: the class name is the fault message, code 500', () => {
    const e = novaErrorFrom({ type: 'TestingException', message: 'boom' });
    expect([e.faultMessage, e.code, e.isNova]).toEqual(['TestingException', 500, false]);
  });
  test('class hierarchy from nova/exception.py', () => {
    expect(novaError('MaxRetriesExceeded', { reason: 'x' }).isA('NoValidHost')).toBe(true);
    expect(novaError('NoValidHost', { reason: '' }).message).toBe('No valid host was found. ');
    expect(novaErrorFrom({ type: 'InstanceIsLocked', message: 'u' }).isA('Invalid')).toBe(true);
  });
  test('python %-format', () => {
    expect(formatMsg('%(a)s is %(n)d%%', { a: 'x', n: 5 })).toBe('x is 5%');
    expect(formatMsg('%(n)d', { n: 'abc' })).toBeNull();
  });
});

describe('fault plan', () => {
  test('matching by operation, host and server; times counts down', () => {
    const plan = new FaultPlan();
    const f = plan.add({ operation: 'spawn', host: 'host1', times: 2, error: { type: 'TestingException' } });
    expect(plan.fire('spawn', 'host2', 's')).toBeNull();
    expect(plan.fire('power_off', 'host1', 's')).toBeNull();
    expect(plan.fire('spawn', 'host1', 's')?.type).toBe('TestingException');
    expect(plan.fire('spawn', 'host1', 's')).not.toBeNull();
    expect(plan.fire('spawn', 'host1', 's')).toBeNull();
    expect(f).toMatchObject({ times: 0, fired: 2 });
    const g = plan.add({ operation: 'reboot', server: 'abc', error: { type: 'TestingException' } });
    expect(plan.fire('reboot', 'h', 'other')).toBeNull();
    for (let i = 0; i < 5; i++) expect(plan.fire('reboot', 'h', 'abc')).not.toBeNull();
    expect(g.times).toBeNull();
    expect(plan.remove(g.id)).toBe(true);
    expect(plan.fire('reboot', 'h', 'abc')).toBeNull();
  });
});
