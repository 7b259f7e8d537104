// Keystone's token body (POST/GET /v3/auth/tokens): token/providers/... render_token_response_from_model.
import type { ValidToken } from '../tokens.js';
import { renderTokenCatalog } from '../catalog.js';

export function renderToken(t: ValidToken, catalogBase: string, withCatalog: boolean): { token: Record<string, unknown> } {
  const token: Record<string, unknown> = {
    methods: t.row.methods,
    user: { domain: t.user.domain, id: t.user.id, name: t.user.name, password_expires_at: null },
    audit_ids: t.row.parentAuditId === null ? [t.row.auditId] : [t.row.auditId, t.row.parentAuditId],
    expires_at: t.row.expiresAt,
    issued_at: t.row.issuedAt,
  };
  if (t.project) {
    token.project = { domain: t.project.domain, id: t.project.id, name: t.project.name };
    token.is_domain = false;
  } else if (t.domain) {
    token.domain = t.domain;
  } else if (t.system) {
    token.system = { all: true };
  }
  if (t.row.scopeType !== 'unscoped') {
    token.roles = t.roles.map((r) => ({ id: r.id, name: r.name }));
    if (withCatalog) token.catalog = renderTokenCatalog(catalogBase, t.project?.id ?? null);
  }
  if (t.appCred) token.application_credential = t.appCred;
  return { token };
}
