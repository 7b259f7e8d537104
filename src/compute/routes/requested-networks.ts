// servers.py _get_requested_networks: the checks the API makes on `networks` before anything
// else of a boot is looked up (after the schema, which lets much through before 2.37).
import { ApiError } from '../../http/api-error.js';
import { isUuidLike } from '../../http/python/json-value-checks.js';

export function checkRequestedNetworks(networks: unknown): void {
  // 2.37+: 'auto' / 'none' (the schema checked them)
  if (networks === undefined || networks === null || typeof networks === 'string' || !Array.isArray(networks)) return;
  const ports: unknown[] = [];
  for (const n of networks as unknown[]) {
    if (typeof n !== 'object' || n === null || Array.isArray(n)) throw new ApiError(400, null, 'Bad networks format');
    const item = n as Record<string, unknown>;
    const port = item.port ?? null;
    const address = item.fixed_ip ?? null;
    if (port) {
      if (ports.includes(port)) throw new ApiError(400, null, `Port ID '${String(port)}' was specified twice: you cannot attach a port multiple times.`);
      if (address !== null) throw new ApiError(400, null, `Specified Fixed IP '${String(address)}' cannot be used with port '${String(port)}': the two cannot be specified together.`);
      ports.push(port);
      continue;
    }
    if (!('uuid' in item)) throw new ApiError(400, null, "Bad network format: missing 'uuid'");
    if (typeof item.uuid !== 'string' || !isUuidLike(item.uuid)) {
      throw new ApiError(400, null, `Bad networks format: network uuid is not in proper format (${String(item.uuid)})`);
    }
  }
}
