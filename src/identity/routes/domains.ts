// /v3/domains (keystone/api/domains.py).
import { DomainList, DomainShow } from '../schemas/responses.js';
import type { RouteDeclaration } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { DomainCreate, DomainUpdate } from '../schemas/resources.js';
import { collection, renderDomain } from '../views/entities.js';
import { IdentityError, conflict } from '../identity-errors.js';
import { domainOr404, matchesEnabled, matchesName } from './lookups.js';
import type { DomainRow } from '../store/domains-store.js';

export const domainRoutes: RouteDeclaration[] = [
  {
    method: 'GET', path: '/v3/domains', schema: { response: { 200: DomainList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_domains');
      const rows = c.core.stores.domains.list().filter((d) => matchesName(c.query, d.name) && matchesEnabled(c.query, d.enabled));
      return { status: 200, body: collection('domains', rows.map((d) => renderDomain(d, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'POST', path: '/v3/domains', schema: { body: DomainCreate, response: { 201: DomainShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:create_domain');
      const b = c.body.domain as Record<string, any>;
      if (c.core.stores.domains.getByName(b.name)) throw conflict('domain', `Duplicate entry found with name ${b.name}`);
      const row: DomainRow = { id: c.core.newId(), name: b.name, description: b.description ?? '', enabled: b.enabled ?? true, tags: b.tags ?? [], extra: {} };
      c.core.write(() => c.core.stores.domains.insert(row));
      return { status: 201, body: { domain: renderDomain(row, c.base) } };
    },
  },
  {
    method: 'GET', path: '/v3/domains/:domain_id', schema: { response: { 200: DomainShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_domain', { domainId: c.params.domain_id });
      return { status: 200, body: { domain: renderDomain(domainOr404(c.core, c.params.domain_id!), c.base) } };
    },
  },
  {
    method: 'PATCH', path: '/v3/domains/:domain_id', schema: { body: DomainUpdate, response: { 200: DomainShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_domain', { domainId: c.params.domain_id });
      const d = domainOr404(c.core, c.params.domain_id!);
      const b = c.body.domain as Record<string, any>;
      if (b.name !== undefined && b.name !== d.name && c.core.stores.domains.getByName(b.name)) throw conflict('domain', `Duplicate entry found with name ${b.name}`);
      const next: DomainRow = { ...d, name: b.name ?? d.name, description: b.description !== undefined ? b.description : d.description, enabled: b.enabled ?? d.enabled, tags: b.tags ?? d.tags };
      c.core.write(() => c.core.stores.domains.update(next));
      return { status: 200, body: { domain: renderDomain(next, c.base) } };
    },
  },
  {
    method: 'DELETE', path: '/v3/domains/:domain_id', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:delete_domain', { domainId: c.params.domain_id });
      const d = domainOr404(c.core, c.params.domain_id!);
      if (d.enabled) throw new IdentityError(403, 'Cannot delete a domain that is enabled, please disable it first.');
      if (d.id === 'default') throw new IdentityError(403, 'Cannot delete the default domain.');
      const users = c.core.stores.users.list().filter((u) => u.domainId === d.id);
      const groups = c.core.stores.groups.list().filter((g) => g.domainId === d.id);
      const projects = c.core.stores.projects.list().filter((p) => p.domainId === d.id);
      c.core.write(() => {
        for (const u of users) { c.core.stores.assignments.deleteActor('user', u.id); c.core.stores.users.delete(u.id); }
        for (const g of groups) { c.core.stores.assignments.deleteActor('group', g.id); c.core.stores.groups.delete(g.id); }
        // leaves first: a parent row is referenced by its children
        let left = projects;
        while (left.length > 0) {
          const leaves = left.filter((p) => !left.some((q) => q.parentId === p.id));
          for (const p of leaves) {
            c.core.stores.assignments.deleteTarget('project', p.id);
            c.core.stores.projects.delete(p.id);
          }
          left = left.filter((p) => !leaves.includes(p));
        }
        c.core.stores.assignments.deleteTarget('domain', d.id);
        c.core.stores.domains.delete(d.id);
      });
      return { status: 204 };
    },
  },
];
