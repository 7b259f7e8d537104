// Image data: upload, download (ranges), stage and import (glance's image_data controller and
// the interoperable image import).
import type { ImageRoute } from './route-declaration.js';
import { DataDoc, ErrorDoc, ImportDoc, InfoImportDoc, NoBody, TaskListDoc } from '../schemas/documents.js';
import { IMPORT_METHODS } from '../image-service.js';
import { explained } from '../image-error.js';
import { taskView } from '../views/image.js';

export const imageDataRoutes: readonly ImageRoute[] = [
  { path: '/v2/images/{image_id}/file', method: 'PUT', body: 'octet-stream', summary: 'Upload image data (queued -> saving -> active)',
    schemas: { body: DataDoc, response: { 204: NoBody, 403: ErrorDoc, 404: ErrorDoc, 409: ErrorDoc, 413: ErrorDoc, 415: ErrorDoc } },
    handler: async (call) => {
      await call.service.upload(call.caller, call.params.image_id!, call.stream!);
      return { status: 204 };
    } },
  { path: '/v2/images/{image_id}/file', method: 'GET', body: 'none', summary: 'Download image data (Range supported)',
    schemas: { response: { 200: DataDoc, 204: NoBody, 206: DataDoc, 403: ErrorDoc, 404: ErrorDoc, 416: ErrorDoc } },
    handler: (call) => {
      const range = call.req.headers.range ?? (call.req.headers['content-range'] as string | undefined);
      const d = call.service.download(call.caller, call.params.image_id!, range);
      return { status: d.status, headers: d.headers, stream: d.body, bare: true };
    } },
  { path: '/v2/images/{image_id}/stage', method: 'PUT', body: 'octet-stream', summary: 'Stage image data for an import (queued -> uploading)',
    schemas: { body: DataDoc, response: { 204: NoBody, 403: ErrorDoc, 404: ErrorDoc, 409: ErrorDoc, 413: ErrorDoc, 415: ErrorDoc } },
    handler: async (call) => {
      await call.service.stage(call.caller, call.params.image_id!, call.stream!);
      return { status: 204 };
    } },
  { path: '/v2/images/{image_id}/import', method: 'POST', body: 'json', summary: 'Import image data (glance-direct, web-download)',
    schemas: { body: ImportDoc, response: { 202: NoBody, 400: ErrorDoc, 404: ErrorDoc, 409: ErrorDoc } },
    handler: async (call) => {
      await call.service.importImage(call.caller, call.params.image_id!, call.json);
      return { status: 202 };
    } },
  { path: '/v2/images/{image_id}/tasks', method: 'GET', body: 'none', summary: 'Tasks of an image (imports)',
    schemas: { response: { 200: TaskListDoc, 404: ErrorDoc } },
    handler: (call) => ({ status: 200, body: { tasks: call.service.listTasks(call.caller, call.params.image_id!).map(taskView) } }) },
  { path: '/v2/info/import', method: 'GET', body: 'none', summary: 'Import methods of this deployment',
    schemas: { response: { 200: InfoImportDoc } },
    handler: () => ({ status: 200, body: { 'import-methods': { description: 'Import methods available.', type: 'array', value: [...IMPORT_METHODS] } } }) },
  { path: '/v2/info/stores', method: 'GET', body: 'none', summary: 'Stores (404: single store, as glance without enabled_backends)',
    schemas: { response: { 404: ErrorDoc } },
    handler: () => { throw explained(404, 'Multi backend is not supported at this site.'); } },
];
