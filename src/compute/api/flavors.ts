// Flavor writes (nova/compute/flavors.py create, objects/flavor.py destroy, add_access /
// remove_access, extra specs): the duplicate and not-found answers nova's API gives.
import { ApiError } from '../../http/api-error.js';
import type { FlavorRecord, RequestContext } from '../../compute-db/records.js';
import type { ApiContext } from './api-context.js';
import type { CreateFlavorRequest } from './api-types.js';

export interface FlavorsApi {
  /** 409 on duplicate name/id (nova's messages). */
  create(ctx: RequestContext, req: CreateFlavorRequest): Promise<FlavorRecord>;
  /** 404 "Flavor <id> could not be found." */
  delete(ctx: RequestContext, flavorid: string): Promise<void>;
  /** 409 when the project has access already. */
  addAccess(flavor: FlavorRecord, projectId: string): void;
  /** 404 when it has none. */
  removeAccess(flavor: FlavorRecord, projectId: string): void;
  /** Create or update; numbers are stored as their str() (flavors_extraspecs._check_extra_specs_value). */
  setExtraSpecs(flavor: FlavorRecord, specs: Record<string, string | number>): void;
  /** 404 when the flavor has no such key. */
  deleteExtraSpec(flavor: FlavorRecord, key: string): void;
}

export function createFlavorsApi(c: ApiContext): FlavorsApi {
  const flavors = c.store.flavors;
  return {
    async create(_ctx, req) {
      if (flavors.getByName(req.name)) throw new ApiError(409, null, `Flavor with name ${req.name} already exists.`);
      const flavorid = req.id ?? c.engine.runtime.ids.uuid();
      if (flavors.get(flavorid)) throw new ApiError(409, null, `Flavor with ID ${flavorid} already exists.`);
      return flavors.create({
        flavorid, name: req.name, vcpus: req.vcpus, memoryMb: req.ram, rootGb: req.disk, ephemeralGb: req.ephemeral ?? 0,
        swap: req.swap ?? 0, rxtxFactor: req.rxtxFactor ?? 1.0, isPublic: req.isPublic ?? true, description: req.description ?? null,
      });
    },
    async delete(_ctx, flavorid) {
      const f = flavors.get(flavorid);
      if (!f) throw new ApiError(404, null, `Flavor ${flavorid} could not be found.`);
      flavors.delete(f.id);
    },
    addAccess(f, projectId) {
      if (!flavors.addAccess(f.id, projectId)) {
        // Flavor.add_access raises with the flavor's internal id, not its API id
        throw new ApiError(409, null, `Flavor access already exists for flavor ${f.id} and project ${projectId} combination.`);
      }
    },
    removeAccess(f, projectId) {
      if (!flavors.removeAccess(f.id, projectId)) {
        throw new ApiError(404, null, `Flavor access not found for ${f.id} / ${projectId} combination.`);
      }
    },
    setExtraSpecs(f, specs) {
      flavors.setExtraSpecs(f.id, Object.fromEntries(Object.entries(specs).map(([k, v]) => [k, String(v)])));
    },
    deleteExtraSpec(f, key) {
      if (!flavors.deleteExtraSpec(f.id, key)) throw new ApiError(404, null, `Flavor ${f.flavorid} has no extra specs with key ${key}.`);
    },
  };
}
