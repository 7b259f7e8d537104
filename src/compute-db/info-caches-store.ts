// SQL for instance_info_caches (migrations/041): the network info cache server views read and
// the networks/security groups the API recorded for the build.
import type { Db } from '../db/open-database.js';
import type { RequestedNetworks, Vif } from '../networking-client/network-api.js';

export function createInfoCachesStore(db: Db) {
  const upsertRequest = db.prepare(`INSERT INTO instance_info_caches (instance_uuid, requested_networks, security_groups) VALUES (?, ?, ?)
    ON CONFLICT (instance_uuid) DO UPDATE SET requested_networks = excluded.requested_networks, security_groups = excluded.security_groups`);
  const upsertInfo = db.prepare(`INSERT INTO instance_info_caches (instance_uuid, network_info) VALUES (?, ?)
    ON CONFLICT (instance_uuid) DO UPDATE SET network_info = excluded.network_info`);
  const getRow = db.prepare('SELECT network_info, requested_networks, security_groups FROM instance_info_caches WHERE instance_uuid = ?');
  const del = db.prepare('DELETE FROM instance_info_caches WHERE instance_uuid = ?');
  // an empty cache ('[]', what a server without ports has) is left out in SQL: the caller reads a
  // missing one as [], and a page of 1,000 such servers then makes no row objects and no arrays;
  // through the index of the non-empty ones (migrations/210), so that each of those servers costs
  // a probe of that index, not a lookup among every server's row (the planner, without
  // statistics, would take the primary key's index)
  const networkInfoOfMany = db.prepare(`SELECT instance_uuid, network_info FROM instance_info_caches INDEXED BY instance_info_caches_with_ports
    WHERE instance_uuid IN (SELECT value FROM json_each(?)) AND network_info != '[]'`);
  type Row = { network_info: string; requested_networks: string | null; security_groups: string };
  return {
    saveRequest(uuid: string, req: RequestedNetworks): void {
      upsertRequest.run(uuid, req.requests === null ? null : JSON.stringify(req.requests), JSON.stringify(req.securityGroups));
    },
    request(uuid: string): RequestedNetworks {
      const r = getRow.get(uuid) as Row | undefined;
      return { requests: r?.requested_networks ? JSON.parse(r.requested_networks) as RequestedNetworks['requests'] : null, securityGroups: r ? JSON.parse(r.security_groups) as string[] : ['default'] };
    },
    saveNetworkInfo(uuid: string, vifs: readonly Vif[]): void {
      upsertInfo.run(uuid, JSON.stringify(vifs));
    },
    networkInfo(uuid: string): Vif[] {
      const r = getRow.get(uuid) as Row | undefined;
      return r ? JSON.parse(r.network_info) as Vif[] : [];
    },
    /** networkInfo of many instances in one query: uuid -> its VIFs; those without a cache, or with an empty one, left out. */
    networkInfoOf(uuids: readonly string[]): Map<string, Vif[]> {
      const out = new Map<string, Vif[]>();
      for (const r of networkInfoOfMany.all(JSON.stringify(uuids)) as { instance_uuid: string; network_info: string }[]) out.set(r.instance_uuid, JSON.parse(r.network_info) as Vif[]);
      return out;
    },
    delete(uuid: string): void {
      del.run(uuid);
    },
  };
}

export type InfoCachesStore = ReturnType<typeof createInfoCachesStore>;
