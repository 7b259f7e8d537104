// Flavor extra specs from 2.86 are validated against nova's registry (generated from the real
// Nova by scripts/generate-extra-spec-validators.py). Every row is what the real Nova 26.2.2
// answered to POST /flavors/{id}/os-extra_specs with that one spec.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { ComputeClient } from '../../helpers/compute.js';

let t: TestApp;
let c: ComputeClient;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
  c = new ComputeClient(t.transport);
  await c.call('POST', '/flavors', { body: { flavor: { name: 'es', ram: 64, vcpus: 1, disk: 0, id: 'es' } } });
});
afterAll(async () => { await t.close(); });

// [name, value, status, message of the 400]
const REAL: [string, string, number, string | null][] = [
  ["hw:cpu_policy", "dedicated", 200, null],
  ["hw:cpu_policy", "bogus", 400, "Validation failed; 'bogus' is not one of: dedicated, shared, mixed."],
  ["hw:cpu_policy", "DEDICATED", 400, "Validation failed; 'DEDICATED' is not one of: dedicated, shared, mixed."],
  ["hw:numa_nodes", "2", 200, null],
  ["hw:numa_nodes", "0", 400, "Validation failed; '0' is less than the min value of '1'."],
  ["hw:numa_nodes", "x", 400, "Validation failed; 'x' is not a valid integer value."],
  ["hw:numa_nodes", " 3 ", 200, null],
  ["hw:numa_nodes", "1_0", 200, null],
  ["hw:numa_nodes", "-1", 400, "Validation failed; '-1' is less than the min value of '1'."],
  ["hw:numa_cpus.0", "0-3", 200, null],
  ["hw:numa_cpus.0", "a", 400, "Validation failed; 'a' is not of the format '\\^?\\d+((-\\d+)?(,\\^?\\d+(-\\d+)?)?)*'."],
  ["hw:numa_cpus.x", "0", 400, "Validation failed; extra spec 'hw:numa_cpus.x' does not appear to be a valid extra spec."],
  ["hw:numa_mem.1", "1024", 200, null],
  ["hw:cpu_realtime", "yes", 200, null],
  ["hw:cpu_realtime", "maybe", 400, "Validation failed; 'maybe' is not a valid boolean-like value."],
  ["hw:cpu_realtime", "TRUE", 200, null],
  ["hw:mem_page_size", "large", 200, null],
  ["hw:mem_page_size", "2MB", 200, null],
  ["hw:mem_page_size", "bogus", 400, "Validation failed; 'bogus' is not of the format '(large|small|any|\\d+([kKMGT]i?)?(b|bit|B)?)'."],
  ["hw:bogus", "x", 400, "Validation failed; extra spec 'hw:bogus' does not appear to be a valid extra spec."],
  ["bogus:thing", "x", 200, null],
  ["nokey", "x", 200, null],
  ["resources:VCPU", "2", 200, null],
  ["resources:CUSTOM_X", "1", 200, null],
  ["resources:VCPU", "x", 400, "Validation failed; 'x' is not a valid integer value."],
  ["trait:HW_CPU_X86_AVX", "required", 200, null],
  ["trait:HW_CPU_X86_AVX", "maybe", 400, "Validation failed; 'maybe' is not one of: required, forbidden."],
  ["trait1:FOO", "forbidden", 400, "Validation failed; extra spec 'trait1:FOO' does not appear to be a valid extra spec."],
  ["quota:cpu_shares", "10", 200, null],
  ["quota:cpu_shares", "-5", 400, "Validation failed; '-5' is less than the min value of '0'."],
  ["quota:vif_inbound_average", "1", 200, null],
  ["hw_rng:allowed", "True", 200, null],
  ["hw_video:ram_max_mb", "8", 200, null],
  ["os:secure_boot", "required", 200, null],
  ["os:secure_boot", "x", 400, "Validation failed; 'x' is not one of: disabled, required."],
  ["pci_passthrough:alias", "a:2", 200, null],
  ["pci_passthrough:alias", "a", 400, "Validation failed; 'a' is not of the format '[^:]+:\\d+(?:\\s*,\\s*[^:]+:\\d+)*'."],
  ["aggregate_instance_extra_specs:foo", "bar", 200, null],
  ["capabilities:cpu_info:arch", "x86_64", 200, null],
  ["accel:device_profile", "p", 200, null],
  ["vmware:hw_version", "vmx-13", 200, null],
  ["hw:pmu", "true", 200, null],
  ["group_policy", "isolate", 200, null],
  ["group_policy", "x", 400, "Validation failed; 'x' is not one of: isolate, none."],
  ["resources1:VCPU", "1", 200, null],
  ["resources_a:VCPU", "1", 200, null],
  ["hw:cpu_max_sockets", "9999", 400, "Validation failed; extra spec 'hw:cpu_max_sockets' does not appear to be a valid extra spec."],
  ["hw:emulator_threads_policy", "share", 200, null],
  ["hw:watchdog_action", "reset", 200, null],
  ["hw:serial_port_count", "2", 200, null],
  ["hw:vif_multiqueue_enabled", "on", 200, null],
];

test.each(REAL)('%s=%j -> %i', async (name, value, status, message) => {
  const r = await c.call('POST', '/flavors/es/os-extra_specs', { version: '2.86', body: { extra_specs: { [name]: value } } });
  expect(r.status).toBe(status);
  if (message !== null) expect(r.body).toEqual({ badRequest: { code: 400, message } });
  else expect(r.body).toEqual({ extra_specs: { [name]: value } });
});

test('before 2.86 nothing is validated; PUT validates before the URI check', async () => {
  expect((await c.call('POST', '/flavors/es/os-extra_specs', { version: '2.85', body: { extra_specs: { 'hw:cpu_policy': 'bogus' } } })).status).toBe(200);
  const put = await c.call('PUT', '/flavors/es/os-extra_specs/other', { version: '2.86', body: { 'hw:cpu_policy': 'nope' } });
  expect(put.body).toEqual({ badRequest: { code: 400, message: "Validation failed; 'nope' is not one of: dedicated, shared, mixed." } });
});
