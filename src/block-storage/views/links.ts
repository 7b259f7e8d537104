// Cinder's links (api/openstack ViewBuilder._get_links): self under /v3/{project}, bookmark without
// the version, both absolute against the request's host and the mount prefix.
export interface LinkBase {
  /** scheme://host + mount prefix ('' standalone, '/volume' on the main port) */
  readonly root: string;
  readonly projectId: string;
}

export function resourceLinks(base: LinkBase, collection: string, id: string): { rel: string; href: string }[] {
  return [
    { rel: 'self', href: `${base.root}/v3/${base.projectId}/${collection}/${id}` },
    { rel: 'bookmark', href: `${base.root}/${base.projectId}/${collection}/${id}` },
  ];
}

/** Cinder's timestamps: naive UTC with microseconds (2026-12-06T20:17:22.822381). */
export function cinderTime(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}`;
}
