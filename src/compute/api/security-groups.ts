// nova's os-security-groups and os-security-group-rules proxies (security_groups.py
// SecurityGroupController / SecurityGroupRulesController, up to 2.35): the body checks nova's
// controllers make themselves, the calls to Neutron through security_group_api (as the user),
// and each controller's except clauses turned into its statuses.
import { ApiError } from '../../http/api-error.js';
import { NovaError, type NovaExceptionName } from '../../nova-exceptions/nova-error.js';
import { userToken } from '../../networking-client/network-api.js';
import {
  SecurityGroupApi, newIngressRule, parseCidr, validateId, withMessage, type NovaGroup,
} from '../../networking-client/security-group-api.js';
import { formatSecurityGroup, formatSecurityGroupRule, type GroupRuleData } from '../views/security-groups.js';
import { unexpectedApiError } from '../unexpected-error.js';
import type { NetworkingClient } from '../../networking-client/networking-client.js';
import type { RequestContext } from '../../compute-db/records.js';

export interface SecurityGroupProxyApi {
  list(ctx: RequestContext, query: Readonly<Record<string, string[]>>): Promise<Record<string, unknown>[]>;
  show(ctx: RequestContext, id: string): Promise<Record<string, unknown>>;
  create(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>>;
  update(ctx: RequestContext, id: string, body: unknown): Promise<Record<string, unknown>>;
  delete(ctx: RequestContext, id: string): Promise<void>;
  createRule(ctx: RequestContext, body: unknown): Promise<Record<string, unknown>>;
  deleteRule(ctx: RequestContext, id: string): Promise<void>;
  /** _add_security_grps: per server, the names of its ports' groups the caller sees. */
  bindings(ctx: RequestContext, instanceUuids: readonly string[]): Promise<Map<string, { name: string }[]>>;
  /** ServerSecurityGroupController.index: the server's ports' groups, formatted, by (tenant_id, name). */
  ofServer(ctx: RequestContext, instanceUuid: string): Promise<Record<string, unknown>[]>;
}

type Clause = readonly [readonly NovaExceptionName[], number];

/** The controller's except clauses: the first that matches gives the status, the exception's message the text. */
function answer(err: unknown, clauses: readonly Clause[]): never {
  if (err instanceof NovaError) {
    for (const [names, status] of clauses) if (names.some((n) => err.isA(n))) throw new ApiError(status, null, err.message);
    throw unexpectedApiError(err.pythonClass);
  }
  throw err;
}

const NOT_FOUND_OR_INVALID: readonly Clause[] = [[['SecurityGroupNotFound'], 404], [['Invalid'], 400]];

/** _from_body: an empty body, then the key's value missing or null. */
function fromBody(body: unknown, key: string): Record<string, unknown> {
  const empty = body === null || body === undefined || body === '' || body === 0 || body === false
    || (Array.isArray(body) && body.length === 0) || (typeof body === 'object' && Object.keys(body).length === 0);
  if (empty) throw new ApiError(400, null, "The request body can't be empty");
  // nova calls .get() on both: anything but a dict is an AttributeError there (a 500); bad
  // input never answers 500 here, so it is the 400 nova gives a body it cannot read
  if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, null, 'Malformed request body');
  const value = (body as Record<string, unknown>)[key];
  if (value === null || value === undefined) throw new ApiError(400, null, `Missing parameter ${key}`);
  if (typeof value !== 'object' || Array.isArray(value)) throw new ApiError(400, null, 'Malformed request body');
  return value as Record<string, unknown>;
}

/** validate_property -> utils.check_string_length(value, name, 0, 255): InvalidInput with oslo's text. */
function validateProperty(value: unknown, name: string): void {
  if (typeof value !== 'string') throw withMessage('InvalidInput', `${name} is not a string or unicode`);
  const length = [...value].length;
  if (length > 255) throw withMessage('InvalidInput', `${name} has ${length} characters, more than 255.`);
}

/** A security_group body's name and description as nova reads them (None when absent). */
function groupFields(body: unknown): { name: unknown; description: unknown } {
  const sg = fromBody(body, 'security_group');
  return { name: sg.name ?? null, description: sg.description ?? null };
}

/** _validate_property on both: raised inside the caller's try, so it answers as nova maps Invalid. */
function validateGroupFields(name: unknown, description: unknown): void {
  validateProperty(name, 'name');
  validateProperty(description, 'description');
}

/** sorted(result, key=lambda k: (k['tenant_id'], k['name'])) */
function sortByProjectAndName(groups: Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (g: Record<string, unknown>) => [String(g.tenant_id), String(g.name)] as const;
  return groups.sort((a, b) => {
    const [at, an] = key(a);
    const [bt, bn] = key(b);
    return at < bt ? -1 : at > bt ? 1 : an < bn ? -1 : an > bn ? 1 : 0;
  });
}

/** common.limited: offset, then at most limit (capped by osapi_max_limit 1000). */
function limited<T>(items: readonly T[], query: Readonly<Record<string, string[]>>): T[] {
  const last = (k: string) => { const v = query[k]; return v?.length ? Number(v[v.length - 1]) : undefined; };
  const offset = last('offset') ?? 0;
  const limit = Math.min(last('limit') ?? 1000, 1000);
  return items.slice(offset, offset + limit);
}

export function createSecurityGroupProxyApi(client: NetworkingClient): SecurityGroupProxyApi {
  const api = new SecurityGroupApi(client);

  /** security_group_api.get of the group a URL names: 404 unknown, 400 a malformed id. */
  async function findGroup(token: string, id: string): Promise<NovaGroup> {
    try {
      return await api.get(token, validateId(id));
    } catch (e) {
      answer(e, NOT_FOUND_OR_INVALID);
    }
  }

  /** The source groups of the rules, as security_group_api.get finds them (null: not found, rule skipped). */
  async function groupData(token: string, groups: readonly NovaGroup[]): Promise<Map<string, GroupRuleData>> {
    const data = new Map<string, GroupRuleData>(groups.map((g) => [g.id, { name: g.name, tenant_id: g.project_id }]));
    for (const g of groups) {
      for (const r of g.rules) {
        if (!r.group_id || data.has(r.group_id)) continue;
        try {
          const src = await api.get(token, r.group_id);
          data.set(r.group_id, { name: src.name, tenant_id: src.project_id });
        } catch (e) {
          if (!(e instanceof NovaError && e.isA('SecurityGroupNotFound'))) throw e;
          data.set(r.group_id, null);
        }
      }
    }
    return data;
  }

  const format = async (token: string, group: NovaGroup) => formatSecurityGroup(group, await groupData(token, [group]));

  return {
    async list(ctx, query) {
      const token = userToken(ctx);
      const all = await api.list(token, ctx.projectId, ctx.isAdmin, query);
      const page = limited(all, query);
      // each group formatted on its own (_format_security_group without pre-loaded rule data)
      const out: Record<string, unknown>[] = [];
      for (const g of page) out.push(await format(token, g));
      return sortByProjectAndName(out);
    },

    bindings(ctx, instanceUuids) {
      return api.securityGroupBindings(userToken(ctx), instanceUuids);
    },

    async ofServer(ctx, instanceUuid) {
      const token = userToken(ctx);
      const groups = (await api.securityGroupBindings(token, [instanceUuid], true)).get(instanceUuid) ?? [];
      // the rules' source groups looked up once for all the groups
      const data = await groupData(token, groups);
      return sortByProjectAndName(groups.map((g) => formatSecurityGroup(g, data)));
    },

    async show(ctx, id) {
      const token = userToken(ctx);
      return format(token, await findGroup(token, id));
    },

    async create(ctx, body) {
      const token = userToken(ctx);
      const { name, description } = groupFields(body);
      let group: NovaGroup;
      try {
        validateGroupFields(name, description);
        group = await api.create(token, name, description);
      } catch (e) {
        answer(e, [[['Invalid'], 400], [['SecurityGroupLimitExceeded'], 403]]);
      }
      return format(token, group);
    },

    async update(ctx, id, body) {
      const token = userToken(ctx);
      let group = await findGroup(token, id);
      const { name, description } = groupFields(body);
      try {
        validateGroupFields(name, description);
        group = await api.update(token, group, name, description);
      } catch (e) {
        answer(e, NOT_FOUND_OR_INVALID);
      }
      return format(token, group);
    },

    async delete(ctx, id) {
      const token = userToken(ctx);
      try {
        const group = await api.get(token, validateId(id));
        await api.destroy(token, group);
      } catch (e) {
        answer(e, NOT_FOUND_OR_INVALID);
      }
    },

    async createRule(ctx, body) {
      const token = userToken(ctx);
      const rule = fromBody(body, 'security_group_rule');
      const groupIdIn = rule.group_id ?? null;
      let parent: NovaGroup;
      let source: NovaGroup | null = null;
      let groupId: string | null = null;
      let fresh: ReturnType<typeof newIngressRule>;
      try {
        parent = await api.get(token, validateId(rule.parent_group_id));
        if (groupIdIn !== null) {
          groupId = validateId(groupIdIn);
          source = await api.get(token, groupId);
          fresh = newIngressRule(rule.ip_protocol, rule.from_port, rule.to_port, groupId, null);
        } else {
          fresh = newIngressRule(rule.ip_protocol, rule.from_port, rule.to_port, null, parseCidr(rule.cidr));
        }
      } catch (e) {
        answer(e, [[['Invalid', 'InvalidCidr'], 400], [['SecurityGroupNotFound'], 404]]);
      }
      if (fresh === null) throw new ApiError(400, null, 'Not enough parameters to build a valid rule.');
      const newRule = { ...fresh, parent_group_id: parent.id };
      if (newRule.cidr !== undefined) {
        const [net, prefix] = newRule.cidr.split('/');
        if (net !== '0.0.0.0' && net !== '::' && prefix === '0') throw new ApiError(400, null, `Bad prefix for network in cidr ${newRule.cidr}`);
      }
      try {
        const created = await api.createRule(token, parent, newRule);
        return formatSecurityGroupRule(created, source ? { name: source.name, tenant_id: source.project_id } : undefined);
      } catch (e) {
        answer(e, [[['Invalid'], 400], [['SecurityGroupNotFound'], 404], [['SecurityGroupLimitExceeded'], 403]]);
      }
    },

    async deleteRule(ctx, id) {
      const token = userToken(ctx);
      try {
        const rule = await api.getRule(token, validateId(id));
        await api.get(token, rule.parent_group_id);
        await api.removeRule(token, rule.id);
      } catch (e) {
        answer(e, [[['SecurityGroupNotFound'], 404], [['NoUniqueMatch'], 409], [['Invalid'], 400]]);
      }
    },
  };
}
