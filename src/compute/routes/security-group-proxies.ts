// security_groups.py's proxies: os-security-groups (list/show/create/update/delete) and
// os-security-group-rules (create/delete), answered through Neutron up to 2.35
// (MAX_PROXY_API_SUPPORT_VERSION), 404 from 2.36. The work is compute/api/security-groups.ts.
import { requireOwnerOrAdmin } from './policy.js';
import { requestContext } from './request-context.js';
import { securityGroupsQuery, uncheckedBody } from '../schemas/network-proxies.js';
import { NoBody } from '../schemas/responses/fault.js';
import { SecurityGroupList, SecurityGroupRuleShow, SecurityGroupShow } from '../schemas/responses/resources.js';
import type { ComputeRoute, RouteContext } from './route-types.js';

const MAX_PROXY = '2.35';

/** context.can(..., target={'project_id': context.project_id}): the caller's own project. */
function authorize(ctx: RouteContext, rule: string): void {
  requireOwnerOrAdmin(ctx.auth, ctx.auth.projectId, `os_compute_api:os-security-groups:${rule}`);
}

export const securityGroupProxyRoutes: ComputeRoute[] = [
  {
    method: 'GET', url: '/os-security-groups', responses: { 200: SecurityGroupList }, summary: "List the project's security groups (proxied to Neutron)", max: MAX_PROXY, query: securityGroupsQuery,
    handler: async (ctx) => {
      authorize(ctx, 'get');
      return { status: 200, body: { security_groups: await ctx.service.api.securityGroups.list(requestContext(ctx), ctx.query) } };
    },
  },
  {
    method: 'GET', url: '/os-security-groups/:id', responses: { 200: SecurityGroupShow }, summary: 'Show a security group (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => {
      authorize(ctx, 'show');
      return { status: 200, body: { security_group: await ctx.service.api.securityGroups.show(requestContext(ctx), ctx.params.id!) } };
    },
  },
  {
    method: 'POST', url: '/os-security-groups', responses: { 200: SecurityGroupShow }, summary: 'Create a security group (proxied to Neutron)', max: MAX_PROXY, body: uncheckedBody,
    handler: async (ctx) => {
      authorize(ctx, 'create');
      return { status: 200, body: { security_group: await ctx.service.api.securityGroups.create(requestContext(ctx), ctx.body) } };
    },
  },
  {
    method: 'PUT', url: '/os-security-groups/:id', responses: { 200: SecurityGroupShow }, summary: 'Update a security group (proxied to Neutron)', max: MAX_PROXY, body: uncheckedBody,
    handler: async (ctx) => {
      authorize(ctx, 'update');
      return { status: 200, body: { security_group: await ctx.service.api.securityGroups.update(requestContext(ctx), ctx.params.id!, ctx.body) } };
    },
  },
  {
    method: 'DELETE', url: '/os-security-groups/:id', responses: { 202: NoBody }, summary: 'Delete a security group (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => {
      authorize(ctx, 'delete');
      await ctx.service.api.securityGroups.delete(requestContext(ctx), ctx.params.id!);
      return { status: 202 };
    },
  },
  {
    method: 'POST', url: '/os-security-group-rules', responses: { 200: SecurityGroupRuleShow }, summary: 'Add an ingress rule to a security group (proxied to Neutron)', max: MAX_PROXY, body: uncheckedBody,
    handler: async (ctx) => {
      authorize(ctx, 'rule:create');
      return { status: 200, body: { security_group_rule: await ctx.service.api.securityGroups.createRule(requestContext(ctx), ctx.body) } };
    },
  },
  {
    method: 'DELETE', url: '/os-security-group-rules/:id', responses: { 202: NoBody }, summary: 'Delete a security group rule (proxied to Neutron)', max: MAX_PROXY,
    handler: async (ctx) => {
      authorize(ctx, 'rule:delete');
      await ctx.service.api.securityGroups.deleteRule(requestContext(ctx), ctx.params.id!);
      return { status: 202 };
    },
  },
];
