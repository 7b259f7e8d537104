// /v2/images and /v2/images/{image_id}: glance's images controller.
import type { ImageCall, ImageRoute } from './route-declaration.js';
import { imageListView, imageView } from '../views/image.js';
import { parseJsonPatch } from '../json-patch.js';
import { ErrorDoc, ImageCreateDoc, ImageDoc, ImageListDoc, JsonPatchDoc, NoBody } from '../schemas/documents.js';
import { IMPORT_METHODS } from '../image-service.js';

const location = (call: ImageCall, id: string) => `${call.req.protocol}://${call.req.headers.host ?? 'localhost'}${call.linkPrefix}/v2/images/${id}`;

export const imageRoutes: readonly ImageRoute[] = [
  { path: '/v2/images', method: 'GET', body: 'none', summary: 'List images (filters, sorting, paging)',
    schemas: { response: { 200: ImageListDoc, 400: ErrorDoc } },
    handler: (call) => {
      const r = call.service.list(call.caller, call.queryPairs);
      return { status: 200, body: imageListView(r.images, call.queryPairs, r.nextMarker) };
    } },
  { path: '/v2/images', method: 'POST', body: 'json', summary: 'Create an image record (status queued)',
    schemas: { body: ImageCreateDoc, response: { 201: ImageDoc, 400: ErrorDoc, 403: ErrorDoc, 409: ErrorDoc } },
    handler: (call) => {
      const image = call.service.create(call.caller, call.json);
      return { status: 201, body: imageView(image), headers: { location: location(call, image.id), 'openstack-image-import-methods': IMPORT_METHODS.join(',') } };
    } },
  { path: '/v2/images/{image_id}', method: 'GET', body: 'none', summary: 'Show an image',
    schemas: { response: { 200: ImageDoc, 404: ErrorDoc } },
    handler: (call) => ({ status: 200, body: imageView(call.service.show(call.caller, call.params.image_id!)) }) },
  { path: '/v2/images/{image_id}', method: 'PATCH', body: 'json-patch', summary: 'Update an image (JSON patch)',
    schemas: { body: JsonPatchDoc, response: { 200: ImageDoc, 400: ErrorDoc, 403: ErrorDoc, 404: ErrorDoc, 409: ErrorDoc, 415: ErrorDoc } },
    handler: (call) => {
      const changes = parseJsonPatch(call.req.headers['content-type'], call.json);
      return { status: 200, body: imageView(call.service.update(call.caller, call.params.image_id!, changes)) };
    } },
  { path: '/v2/images/{image_id}', method: 'DELETE', body: 'none', summary: 'Delete an image and its data',
    schemas: { response: { 204: NoBody, 403: ErrorDoc, 404: ErrorDoc } },
    handler: (call) => {
      call.service.remove(call.caller, call.params.image_id!);
      return { status: 204 };
    } },
  { path: '/v2/images/{image_id}/actions/deactivate', method: 'POST', body: 'none', summary: 'Deactivate an active image',
    schemas: { response: { 204: NoBody, 403: ErrorDoc, 404: ErrorDoc } },
    handler: (call) => {
      call.service.deactivate(call.caller, call.params.image_id!);
      return { status: 204 };
    } },
  { path: '/v2/images/{image_id}/actions/reactivate', method: 'POST', body: 'none', summary: 'Reactivate a deactivated image',
    schemas: { response: { 204: NoBody, 403: ErrorDoc, 404: ErrorDoc } },
    handler: (call) => {
      call.service.reactivate(call.caller, call.params.image_id!);
      return { status: 204 };
    } },
  { path: '/v2/images/{image_id}/tags/{tag_value}', method: 'PUT', body: 'none', summary: 'Add a tag',
    schemas: { response: { 204: NoBody, 400: ErrorDoc, 404: ErrorDoc, 413: ErrorDoc } },
    handler: (call) => {
      call.service.addTag(call.caller, call.params.image_id!, call.params.tag_value!);
      return { status: 204 };
    } },
  { path: '/v2/images/{image_id}/tags/{tag_value}', method: 'DELETE', body: 'none', summary: 'Remove a tag',
    schemas: { response: { 204: NoBody, 404: ErrorDoc } },
    handler: (call) => {
      call.service.removeTag(call.caller, call.params.image_id!, call.params.tag_value!);
      return { status: 204 };
    } },
];
