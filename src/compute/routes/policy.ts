// Nova's default policy decisions the API makes before calling the engine (nova/policies/*):
// admin-only rules answer 403 "Policy doesn't allow <rule> to be performed.".
import { ApiError } from '../../http/api-error.js';
import type { AuthContext } from '../../http/auth-context.js';

export function requireAdmin(auth: AuthContext, rule: string): void {
  if (!auth.isAdmin) throw new ApiError(403, null, `Policy doesn't allow ${rule} to be performed.`);
}

/** PROJECT_MEMBER_OR_ADMIN / PROJECT_READER_OR_ADMIN on an object of `projectId`. */
export function requireOwnerOrAdmin(auth: AuthContext, projectId: string, rule: string): void {
  if (!auth.isAdmin && auth.projectId !== projectId) requireAdmin(auth, rule);
}
