#!/usr/bin/env node
// Probe the compute engine's flows on a cloud and print what a client sees (statuses, faults,
// instance-action events, migrations), uuids masked, so novamock and the real Nova (nova-live)
// can be diffed:
//   node scripts/engine-flows-probe.mjs http://127.0.0.1:8080  > ours.json
//   node scripts/engine-flows-probe.mjs http://127.0.0.1:18775 > real.json   # nova-live/run.sh 18775
//   diff ours.json real.json        # identical on 2026-11-24 (Nova 26.2.2)
// Uses only the compute API and the shared control plane (/_mock reset, faults).
const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const H = { 'x-auth-token': 'admin', 'content-type': 'application/json', 'openstack-api-version': 'compute 2.93', connection: 'close' };
async function req(m, p, b, h = {}) { const r = await fetch(base + p, { signal: AbortSignal.timeout(30000), method: m, headers: { ...H, ...h }, body: b === undefined ? undefined : JSON.stringify(b) }); const t = await r.text(); let j = t; try { j = JSON.parse(t); } catch {} return { s: r.status, b: j }; }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitServer(id, pred, n = 200) { let s; for (let i = 0; i < n; i++) { const r = await req('GET', `/compute/v2.1/servers/${id}`); s = r.b.server ?? { gone: r.s }; if (pred(s)) return s; await sleep(50); } return s; }
async function boot(extra = {}) { const r = await req('POST', '/compute/v2.1/servers', { server: { name: 'x', imageRef: '155d900f-4e14-4e4c-a73d-069cbf4541e6', flavorRef: '1', networks: 'none', ...extra } }); return r.b.server?.id ?? JSON.stringify(r); }
const summary = (s) => ({ status: s.status, task: s['OS-EXT-STS:task_state'], host: s['OS-EXT-SRV-ATTR:host'], power: s['OS-EXT-STS:power_state'], flavor: s.flavor?.original_name, fault: s.fault && { code: s.fault.code, message: s.fault.message } });
async function events(id) { const l = (await req('GET', `/compute/v2.1/servers/${id}/os-instance-actions`)).b.instanceActions; const out = []; for (const a of l) { const d = (await req('GET', `/compute/v2.1/servers/${id}/os-instance-actions/${a.request_id}`)).b.instanceAction; out.push([a.action, d.message, d.events.map((e) => [e.event, e.result, e.details])]); } return out; }
const act = (id, b) => req('POST', `/compute/v2.1/servers/${id}/action`, b);
const active = (s) => s.status === 'ACTIVE' && s['OS-EXT-STS:task_state'] === null;

const out = {};
async function basics() {

const reset = (b = {}) => req('POST', '/_mock/reset', b);
// A no valid host at boot
await reset(); let id = await boot({ flavorRef: '5' }); out.A = summary(await waitServer(id, (s) => s.status !== 'BUILD')); out.A_ev = await events(id, 'create');
// B spawn fails everywhere
await reset(); await req('POST', '/_mock/faults', { operation: 'spawn', error: { type: 'ComputeResourcesUnavailable', message: 'x' } });
id = await boot(); out.B = summary(await waitServer(id, (s) => s.status !== 'BUILD')); out.B_ev = await events(id, 'create');
// C build abort
await reset(); await req('POST', '/_mock/faults', { operation: 'spawn', error: { type: 'BuildAbortException', message: 'FakeBuildAbortDriver' } });
id = await boot(); out.C = summary(await waitServer(id, (s) => s.status !== 'BUILD'));
// D resize no valid host
await reset({ hosts: [{ name: 'host1' }] }); id = await boot(); await waitServer(id, (s) => s.status === 'ACTIVE');
await req('POST', `/compute/v2.1/servers/${id}/action`, { resize: { flavorRef: '2' } }); await sleep(1500);
out.D = summary(await waitServer(id, (s) => s.status !== 'RESIZE')); out.D_ev = await events(id, 'resize');
// E prep_resize fails with no alternates
await reset(); id = await boot({ availability_zone: 'nova:host1' }); await waitServer(id, (s) => s.status === 'ACTIVE');
await req('POST', '/_mock/faults', { operation: 'prep_resize', host: 'host2', error: { type: 'TestingException' } });
await req('POST', `/compute/v2.1/servers/${id}/action`, { resize: { flavorRef: '2' } });
out.E = summary(await waitServer(id, (s) => s.status === 'ERROR')); out.E_ev = await events(id, 'resize');
out.E_mig = (await req('GET', `/compute/v2.1/os-migrations?instance_uuid=${id}`)).b.migrations.map((m) => [m.status, m.dest_compute]);
// F stop fails (host pinned: the real scheduler breaks weight ties in no fixed order)
await reset(); id = await boot({ availability_zone: 'nova:host1' }); await waitServer(id, (s) => s.status === 'ACTIVE');
await req('POST', '/_mock/faults', { operation: 'power_off', times: 1, error: { type: 'InstancePowerOffFailure', message: 'stuck' } });
await req('POST', `/compute/v2.1/servers/${id}/action`, { 'os-stop': null }); await sleep(1000);
out.F = summary(await waitServer(id, (s) => s['OS-EXT-STS:task_state'] === null)); out.F_ev = await events(id, 'stop');
// G confirm fails
await reset(); id = await boot({ availability_zone: 'nova:host1' }); await waitServer(id, (s) => s.status === 'ACTIVE');
await req('POST', `/compute/v2.1/servers/${id}/action`, { resize: { flavorRef: '2' } }); await waitServer(id, (s) => s.status === 'VERIFY_RESIZE');
await req('POST', '/_mock/faults', { operation: 'confirm_migration', error: { type: 'MigrationPreCheckError', message: 'nope' } });
await req('POST', `/compute/v2.1/servers/${id}/action`, { confirmResize: null }); await sleep(1000);
out.G = summary(await waitServer(id, (s) => s.status === 'ERROR'));
}
async function moves() {
let id;
try {
  // R: 3 hosts, prep_resize fails once on whichever dest
  await req('POST', '/_mock/reset', { hosts: [{ name: 'host1' }, { name: 'host2' }, { name: 'host3' }] });
  id = await boot({ availability_zone: 'nova:host1' }); await waitServer(id, active);
  await req('POST', '/_mock/faults', { operation: 'prep_resize', times: 1, error: { type: 'TestingException' } });
  await act(id, { resize: { flavorRef: '2' } }); const v = await waitServer(id, (s) => s.status === 'VERIFY_RESIZE'); await sleep(300);
  out.R = { ...summary(v), host: v['OS-EXT-SRV-ATTR:host'] ? 'dest' : null };
  out.R_ev = (await events(id))[0];
  out.R_mig = (await req('GET', `/compute/v2.1/os-migrations?instance_uuid=${id}`)).b.migrations.map((m) => m.status);
  // S: revert events
  await act(id, { revertResize: null }); out.S = summary(await waitServer(id, active)); await sleep(300);
  out.S_ev = (await events(id))[0];
  // T: cold migrate to a named host (2.56)
  await req('POST', '/_mock/reset', {});
  id = await boot({ availability_zone: 'nova:host1' }); await waitServer(id, active);
  out.T0 = (await act(id, { migrate: { host: 'host2' } })).s;
  out.T = summary(await waitServer(id, (s) => s.status === 'VERIFY_RESIZE')); await sleep(300);
  out.T_ev = (await events(id))[0];
  out.T_mig = (await req('GET', `/compute/v2.1/os-migrations?instance_uuid=${id}`)).b.migrations.map((m) => [m.migration_type, m.status, m.old_instance_type_id, m.new_instance_type_id]);
  await act(id, { confirmResize: null }); out.T2 = summary(await waitServer(id, active));
  // U: resize a stopped server, confirm -> SHUTOFF
  id = await boot({ availability_zone: 'nova:host1' }); await waitServer(id, active);
  await act(id, { 'os-stop': null }); await waitServer(id, (s) => s.status === 'SHUTOFF');
  await act(id, { resize: { flavorRef: '2' } }); out.U1 = summary(await waitServer(id, (s) => s.status === 'VERIFY_RESIZE'));
  await act(id, { revertResize: null }); out.U2 = summary(await waitServer(id, (s) => s.status === 'SHUTOFF' && s['OS-EXT-STS:task_state'] === null));
} catch (e) { out.ERR = String(e); }
}
await basics();
await moves();
const masked = JSON.stringify(out, null, 1).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
console.log(masked);
