// Regression flows from the randomized differential (lib/differential.ts): a failing seed's
// ops, cut down to the ones that still made the difference, kept as plain specs.
import type { Flow } from '../lib/flow.js';
import { DIFF_CONFIG, toFlow, type DiffSpec } from '../lib/differential.js';

const SPECS: { name: string; spec: DiffSpec }[] = [
  {
    // The fault of a cold migrate without a host is the scheduler's NoValidHost ("There are not
    // enough hosts available."); novamock recorded the conductor's re-raised "for cold migrate"
    // one. Only visible once the server is ERROR.
    name: 'differential_seed_8',
    spec: {
      origin: 'seed 8, cut down by hand',
      hosts: [
        { name: 'host1', vcpus: 6, memory_mb: 12288, local_gb: 100 },
        { name: 'host2', vcpus: 16, memory_mb: 6144, local_gb: 1028 },
        { name: 'host3', vcpus: 12, memory_mb: 8192, local_gb: 400 },
      ],
      config: DIFF_CONFIG,
      ops: [
        { op: 'group', sym: 'GROUP_1', policy: 'affinity' },
        { op: 'boot', sym: 'SERVER_1', flavor: '1', group: 'GROUP_1' },
        { op: 'action', sym: 'SERVER_1', body: { migrate: null } },
        { op: 'action', sym: 'SERVER_1', body: { 'os-resetState': { state: 'error' } } },
        { op: 'action', sym: 'SERVER_1', body: { resize: { flavorRef: '4' } } },
      ],
    },
  },
];

export const differentialFlows: Flow[] = SPECS.map((s) => toFlow(s.spec, s.name));
