// The resize-confirm scenario as one CI job runs it in its own project, through the compute
// API only (polling its own server, never /_mock/idle, which waits for everybody's work):
// boot m1.tiny, ACTIVE, resize to m1.small, VERIFY_RESIZE, confirm, ACTIVE, delete, gone.
// While it runs, the project's server list must hold its one server: another job's server
// there is cross-talk.
import type { ComputeCaller } from './server-load.js';

const IMAGE_REF = '155d900f-4e14-4e4c-a73d-069cbf4541e6';
const pause = () => new Promise((r) => setTimeout(r, 2));

async function waitStatus(c: ComputeCaller, token: string, id: string, status: string): Promise<void> {
  for (let i = 0; i < 5000; i++) {
    const s = (await c.call('GET', `/compute/v2.1/servers/${id}`, undefined, [200], token)).server as { status: string; 'OS-EXT-STS:task_state': string | null };
    if (s.status === status && s['OS-EXT-STS:task_state'] === null) return;
    if (s.status === 'ERROR') throw new Error(`server ${id} went to ERROR waiting for ${status}`);
    await pause();
  }
  throw new Error(`server ${id} never reached ${status}`);
}

/** One run; returns the ids of foreign servers seen in the project's list (cross-talk). */
export async function resizeConfirmScenario(c: ComputeCaller, token: string, name: string): Promise<string[]> {
  const created = await c.call('POST', '/compute/v2.1/servers', { server: { name, flavorRef: '1', imageRef: IMAGE_REF, networks: 'none' } }, [202], token);
  const id = (created.server as { id: string }).id;
  await waitStatus(c, token, id, 'ACTIVE');
  const listed = ((await c.call('GET', '/compute/v2.1/servers', undefined, [200], token)).servers as { id: string }[]).map((s) => s.id);
  await c.call('POST', `/compute/v2.1/servers/${id}/action`, { resize: { flavorRef: '2' } }, [202], token);
  await waitStatus(c, token, id, 'VERIFY_RESIZE');
  await c.call('POST', `/compute/v2.1/servers/${id}/action`, { confirmResize: null }, [204], token);
  await waitStatus(c, token, id, 'ACTIVE');
  await c.call('DELETE', `/compute/v2.1/servers/${id}`, undefined, [204], token);
  for (let i = 0; ; i++) {
    if (i === 5000) throw new Error(`server ${id} was never deleted`);
    const r = await c.call('GET', `/compute/v2.1/servers/${id}`, undefined, [200, 404], token);
    if (!r.server) break;
    await pause();
  }
  return listed.filter((s) => s !== id);
}
