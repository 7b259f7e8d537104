// Neutron's default (Zed) read policy, as far as visibility goes: admins see everything; a
// member sees its project's resources, shared and external networks (and the subnets of
// shared networks), and the ports on networks it owns. Attributes marked adminOnly in the
// attribute maps (provider:*, binding:host_id/profile/vif_*) are hidden from members.
import type { AuthContext } from '../http/auth-context.js';
import type { Doc } from './store/resources-store.js';

export interface VisibilityLookup {
  network(id: string): Doc | undefined;
  securityGroup(id: string): Doc | undefined;
}

export function canSee(kind: string, doc: Doc, auth: AuthContext, lookup: VisibilityLookup): boolean {
  if (auth.isAdmin || doc.project_id === auth.projectId) return true;
  switch (kind) {
    case 'network':
      return doc.shared === true || doc['router:external'] === true;
    case 'subnet': {
      const net = lookup.network(doc.network_id as string);
      return net?.shared === true;
    }
    case 'port': {
      const net = lookup.network(doc.network_id as string);
      return net?.project_id === auth.projectId;
    }
    case 'security_group_rule': {
      const sg = lookup.securityGroup(doc.security_group_id as string);
      return sg?.project_id === auth.projectId;
    }
    default:
      return false;
  }
}
