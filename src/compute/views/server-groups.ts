// The server group view (server_groups.py _format_server_group): `policies` + an empty
// `metadata` before 2.64, `policy` + `rules` from it; project_id/user_id from 2.13; members
// are the group's instances that are not deleted.
import type { Microversion } from '../../http/microversion.js';
import type { ServerGroupRecord } from '../../compute-db/server-groups-store.js';

export function serverGroupView(g: ServerGroupRecord, liveMembers: readonly string[], v: Microversion): Record<string, unknown> {
  const out: Record<string, unknown> = { id: g.uuid, name: g.name };
  if (v.atLeast('2.64')) {
    out.policy = g.policy;
    out.rules = { ...g.rules };
  } else {
    out.policies = g.policy ? [g.policy] : [];
    out.metadata = {};
  }
  out.members = [...liveMembers];
  if (v.atLeast('2.13')) {
    out.project_id = g.projectId;
    out.user_id = g.userId;
  }
  return out;
}
