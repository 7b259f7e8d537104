// Boot: success, NoValidHost, and a spawn failure with and without a host to reschedule to.
import { boot, fault, type Flow } from '../lib/flow.js';

/** Bigger than host2 on every resource, so every weigher (RAM, CPU, disk) picks it first. */
const BIG_HOST1 = { name: 'host1', vcpus: 20, memory_mb: 16384, local_gb: 2048 };

export const buildFlows: Flow[] = [
  {
    name: 'build',
    description: 'boot m1.tiny on one of two hosts: ACTIVE, create action, allocation on the host',
    hosts: [{ name: 'host1' }],
    steps: [boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } })],
  },
  {
    name: 'build_no_valid_host',
    description: 'boot m1.xlarge (16384 MB) where hosts offer (8192-512)*1.5 = 11520 MB: ERROR, NoValidHost fault, no allocation',
    steps: [boot('SERVER_1', { flavor: '5', expect: { answer: 202, status: { SERVER_1: 'ERROR' } } })],
  },
  {
    name: 'build_spawn_fault_rescheduled',
    description: 'spawn fails once on host1 (the weighers pick the bigger host1): rescheduled to host2, ACTIVE there',
    hosts: [BIG_HOST1, { name: 'host2' }],
    steps: [
      fault({ operation: 'spawn', host: 'host1', times: 1, error: { type: 'ComputeResourcesUnavailable', message: 'injected' } }),
      boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
    ],
  },
  {
    name: 'build_spawn_fault_no_alternate',
    description: 'spawn fails on the only host: nowhere to reschedule, ERROR',
    hosts: [{ name: 'host1' }],
    steps: [
      fault({ operation: 'spawn', host: 'host1', times: 1, error: { type: 'ComputeResourcesUnavailable', message: 'injected' } }),
      boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ERROR' } } }),
    ],
  },
  {
    name: 'build_spawn_fault_aborted',
    description: 'spawn raises BuildAbortException: no reschedule even with an alternate, ERROR, allocation removed',
    hosts: [BIG_HOST1, { name: 'host2' }],
    steps: [
      fault({ operation: 'spawn', host: 'host1', times: 1, error: { type: 'BuildAbortException', message: 'injected' } }),
      boot('SERVER_1', { expect: { answer: 202, status: { SERVER_1: 'ERROR' } } }),
    ],
  },
];
