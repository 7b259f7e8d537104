// /v2/images/{image_id}/members: sharing an image with other projects.
import type { ImageRoute } from './route-declaration.js';
import { memberView } from '../views/image.js';
import { ErrorDoc, MemberCreateDoc, MemberDoc, MemberListDoc, MemberUpdateDoc, NoBody } from '../schemas/documents.js';

export const memberRoutes: readonly ImageRoute[] = [
  { path: '/v2/images/{image_id}/members', method: 'GET', body: 'none', summary: 'List the members of a shared image',
    schemas: { response: { 200: MemberListDoc, 403: ErrorDoc, 404: ErrorDoc } },
    handler: (call) => ({ status: 200, body: { members: call.service.listMembers(call.caller, call.params.image_id!).map(memberView), schema: '/v2/schemas/members' } }) },
  { path: '/v2/images/{image_id}/members', method: 'POST', body: 'json', summary: 'Share an image with a project (status pending)',
    schemas: { body: MemberCreateDoc, response: { 200: MemberDoc, 400: ErrorDoc, 403: ErrorDoc, 404: ErrorDoc, 409: ErrorDoc } },
    handler: (call) => ({ status: 200, body: memberView(call.service.addMember(call.caller, call.params.image_id!, call.json)) }) },
  { path: '/v2/images/{image_id}/members/{member_id}', method: 'GET', body: 'none', summary: 'Show one member',
    schemas: { response: { 200: MemberDoc, 404: ErrorDoc } },
    handler: (call) => ({ status: 200, body: memberView(call.service.showMember(call.caller, call.params.image_id!, call.params.member_id!)) }) },
  { path: '/v2/images/{image_id}/members/{member_id}', method: 'PUT', body: 'json', summary: 'Accept or reject a shared image (the member)',
    schemas: { body: MemberUpdateDoc, response: { 200: MemberDoc, 400: ErrorDoc, 403: ErrorDoc, 404: ErrorDoc } },
    handler: (call) => ({ status: 200, body: memberView(call.service.updateMember(call.caller, call.params.image_id!, call.params.member_id!, call.json)) }) },
  { path: '/v2/images/{image_id}/members/{member_id}', method: 'DELETE', body: 'none', summary: 'Stop sharing with a project',
    schemas: { response: { 204: NoBody, 403: ErrorDoc, 404: ErrorDoc } },
    handler: (call) => {
      call.service.removeMember(call.caller, call.params.image_id!, call.params.member_id!);
      return { status: 204, bare: true };
    } },
];
