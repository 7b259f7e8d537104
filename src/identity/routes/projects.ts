// /v3/projects (keystone/api/projects.py) and project tags.
import { ProjectList, ProjectShow, ProjectTags } from '../schemas/responses.js';
import type { RouteDeclaration, IdentityCall } from './route-declaration.js';
import { AnyObject, ERRORS } from '../schemas/common.js';
import { NoBody } from '../../http/openapi.js';
import { ProjectCreate, ProjectUpdate } from '../schemas/resources.js';
import { collection, renderProject } from '../views/entities.js';
import { IdentityError, badRequest, conflict, notFound } from '../identity-errors.js';
import { matchesEnabled, matchesName, projectOr404 } from './lookups.js';
import type { ProjectRow } from '../store/projects-store.js';

const ENTITY_FIELDS = new Set(['id', 'name', 'domain_id', 'parent_id', 'description', 'enabled', 'is_domain', 'tags', 'options', 'links']);
const extraOf = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k]) => !ENTITY_FIELDS.has(k)));

const duplicate = (name: string, id: string) => conflict('project', `it is not permitted to have two projects with either the same name or same id in the same domain: name is ${name}, project id ${id}`);

/** keystone's tag filters: tags (all), tags-any, not-tags, not-tags-any. */
function matchesTags(q: Readonly<Record<string, string>>, tags: string[]): boolean {
  const list = (k: string) => q[k]!.split(',').filter(Boolean);
  if ('tags' in q && !list('tags').every((t) => tags.includes(t))) return false;
  if ('tags-any' in q && !list('tags-any').some((t) => tags.includes(t))) return false;
  if ('not-tags' in q && list('not-tags').every((t) => tags.includes(t))) return false;
  if ('not-tags-any' in q && list('not-tags-any').some((t) => tags.includes(t))) return false;
  return true;
}

function listProjects(c: IdentityCall, rows: ProjectRow[]) {
  const q = c.query;
  return rows.filter((p) => matchesName(q, p.name)
    && (q.domain_id === undefined || p.domainId === q.domain_id)
    && (q.parent_id === undefined || (p.parentId ?? p.domainId) === q.parent_id)
    && (q.is_domain === undefined || q.is_domain.toLowerCase() !== 'true')
    && matchesEnabled(q, p.enabled) && matchesTags(q, p.tags));
}

function checkTags(tags: string[]): void {
  for (const t of tags) if (t.includes('/') || t.includes(',')) throw badRequest(`Invalid input for field 'tags': '${t}' does not match '^[^,/]*$'`);
}

export const projectRoutes: RouteDeclaration[] = [
  {
    method: 'GET', path: '/v3/projects', schema: { response: { 200: ProjectList, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_projects', { domainId: c.query.domain_id });
      return { status: 200, body: collection('projects', listProjects(c, c.core.stores.projects.list()).map((p) => renderProject(p, c.base)), c.selfUrl) };
    },
  },
  {
    method: 'POST', path: '/v3/projects', schema: { body: ProjectCreate, response: { 201: ProjectShow, ...ERRORS } },
    handler: (c) => {
      const b = c.body.project as Record<string, any>;
      if (b.is_domain === true) throw new IdentityError(403, 'Projects acting as domains are not served by novamock.');
      let parent: ProjectRow | null = null;
      if (b.parent_id) {
        parent = c.core.stores.projects.get(b.parent_id);
        if (!parent) {
          // a domain may be named as the parent of a top-level project
          if (!c.core.stores.domains.get(b.parent_id)) throw badRequest(`Could not find project: ${b.parent_id}.`);
        }
      }
      const domainId: string = b.domain_id ?? parent?.domainId ?? (b.parent_id && !parent ? b.parent_id : null) ?? c.caller.issued?.projectDomainId ?? c.caller.issued?.domainId ?? 'default';
      if (!c.core.stores.domains.get(domainId)) throw badRequest(`Could not find domain: ${domainId}.`);
      if (parent && parent.domainId !== domainId) throw new IdentityError(400, 'Cannot create project, the parent project and the project are not in the same domain.');
      c.can('identity:create_project', { domainId });
      if (b.tags) checkTags(b.tags);
      // keystone names the id it was about to give the new project
      const id = c.core.newId();
      if (c.core.stores.projects.getByName(domainId, b.name)) throw duplicate(b.name, id);
      const row: ProjectRow = {
        id, name: b.name, domainId, parentId: parent?.id ?? null, description: b.description ?? '',
        enabled: b.enabled ?? true, tags: b.tags ?? [], extra: extraOf(b),
      };
      c.core.write(() => c.core.stores.projects.insert(row));
      return { status: 201, body: { project: renderProject(row, c.base) } };
    },
  },
  {
    method: 'GET', path: '/v3/projects/:project_id', schema: { response: { 200: ProjectShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:get_project', { projectId: c.params.project_id });
      return { status: 200, body: { project: renderProject(projectOr404(c.core, c.params.project_id!), c.base) } };
    },
  },
  {
    method: 'PATCH', path: '/v3/projects/:project_id', schema: { body: ProjectUpdate, response: { 200: ProjectShow, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_project', { projectId: c.params.project_id });
      const p = projectOr404(c.core, c.params.project_id!);
      const b = c.body.project as Record<string, any>;
      if (b.domain_id !== undefined && b.domain_id !== p.domainId) throw badRequest('Update of `domain_id` is not allowed.');
      if (b.parent_id !== undefined && b.parent_id !== (p.parentId ?? p.domainId)) throw new IdentityError(403, 'Update of `parent_id` is not allowed.');
      if (b.is_domain !== undefined && b.is_domain !== false) throw badRequest('Update of `is_domain` is not allowed.');
      if (b.tags) checkTags(b.tags);
      if (b.enabled === false && p.enabled && c.core.stores.projects.list().some((q) => q.parentId === p.id && q.enabled)) {
        throw new IdentityError(403, `Cannot disable project ${p.id} since its subtree contains enabled projects.`);
      }
      if (b.name !== undefined && b.name !== p.name) {
        if (c.core.stores.projects.getByName(p.domainId, b.name)) throw duplicate(b.name, p.id);
      }
      const next: ProjectRow = {
        ...p, name: b.name ?? p.name, description: b.description !== undefined ? b.description : p.description,
        enabled: b.enabled ?? p.enabled, tags: b.tags ?? p.tags, extra: { ...p.extra, ...extraOf(b) },
      };
      c.core.write(() => c.core.stores.projects.update(next));
      return { status: 200, body: { project: renderProject(next, c.base) } };
    },
  },
  {
    method: 'DELETE', path: '/v3/projects/:project_id', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:delete_project', { projectId: c.params.project_id });
      const p = projectOr404(c.core, c.params.project_id!);
      if (c.core.stores.projects.hasChildren(p.id)) {
        throw new IdentityError(403, `Cannot delete the project ${p.id} since it is not a leaf in the hierarchy. Use the cascade option if you want to delete a whole subtree.`);
      }
      c.core.write(() => {
        c.core.stores.assignments.deleteTarget('project', p.id);
        c.core.stores.projects.delete(p.id);
      });
      return { status: 204 };
    },
  },
  {
    method: 'GET', path: '/v3/projects/:project_id/tags', schema: { response: { 200: ProjectTags, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_project_tags', { projectId: c.params.project_id });
      return { status: 200, body: { tags: projectOr404(c.core, c.params.project_id!).tags } };
    },
  },
  {
    method: 'PUT', path: '/v3/projects/:project_id/tags', schema: { body: AnyObject, response: { 200: ProjectTags, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_project_tags', { projectId: c.params.project_id });
      const p = projectOr404(c.core, c.params.project_id!);
      const tags = (c.body as { tags?: unknown }).tags;
      if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t === '' || t.length > 255)) throw badRequest("Invalid input for field 'tags': expected a list of strings");
      checkTags(tags as string[]);
      c.core.write(() => c.core.stores.projects.update({ ...p, tags: [...new Set(tags as string[])] }));
      return { status: 200, body: { tags: [...new Set(tags as string[])] } };
    },
  },
  {
    method: 'GET', path: '/v3/projects/:project_id/tags/:tag', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:list_project_tags', { projectId: c.params.project_id });
      if (!projectOr404(c.core, c.params.project_id!).tags.includes(c.params.tag!)) throw notFound('project tag', c.params.tag!);
      return { status: 204 };
    },
  },
  {
    method: 'PUT', path: '/v3/projects/:project_id/tags/:tag', schema: { response: { 201: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_project_tags', { projectId: c.params.project_id });
      const p = projectOr404(c.core, c.params.project_id!);
      checkTags([c.params.tag!]);
      const tags = p.tags.includes(c.params.tag!) ? p.tags : [...p.tags, c.params.tag!];
      c.core.write(() => c.core.stores.projects.update({ ...p, tags }));
      // keystone answers 201 with an empty body and the tag's URL
      return { status: 201, headers: { location: `${c.base}/projects/${p.id}/tags/${encodeURIComponent(c.params.tag!)}` } };
    },
  },
  {
    method: 'DELETE', path: '/v3/projects/:project_id/tags/:tag', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_project_tags', { projectId: c.params.project_id });
      const p = projectOr404(c.core, c.params.project_id!);
      if (!p.tags.includes(c.params.tag!)) throw notFound('project tag', c.params.tag!);
      c.core.write(() => c.core.stores.projects.update({ ...p, tags: p.tags.filter((t) => t !== c.params.tag) }));
      return { status: 204 };
    },
  },
  {
    method: 'DELETE', path: '/v3/projects/:project_id/tags', schema: { response: { 204: NoBody, ...ERRORS } },
    handler: (c) => {
      c.can('identity:update_project_tags', { projectId: c.params.project_id });
      const p = projectOr404(c.core, c.params.project_id!);
      c.core.write(() => c.core.stores.projects.update({ ...p, tags: [] }));
      return { status: 204 };
    },
  },
];


