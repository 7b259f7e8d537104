// compute/api.py's network checks at create (_check_requested_secgroups and
// _check_requested_networks -> network_api.validate_networks), answered with the statuses
// servers.py create() maps nova's exceptions to.
import { ApiError } from '../../http/api-error.js';
import { NovaError, type NovaExceptionName } from '../../nova-exceptions/nova-error.js';
import { userToken, type NetworkApi, type RequestedNetworks } from '../../networking-client/network-api.js';
import type { RequestContext } from '../../compute-db/records.js';

const CONFLICT: readonly NovaExceptionName[] = ['PortInUse', 'NetworkAmbiguous', 'NoUniqueMatch'];
const FORBIDDEN: readonly NovaExceptionName[] = ['ExternalNetworkAttachForbidden'];

export async function validateNetworksForCreate(network: NetworkApi, ctx: RequestContext, req: RequestedNetworks): Promise<void> {
  try {
    await network.validateNetworks({ token: userToken(ctx), projectId: ctx.projectId }, req);
  } catch (err) {
    if (!(err instanceof NovaError)) throw err;
    const status = CONFLICT.some((t) => err.isA(t)) ? 409 : FORBIDDEN.some((t) => err.isA(t)) ? 403 : 400;
    throw new ApiError(status, null, err.message);
  }
}
