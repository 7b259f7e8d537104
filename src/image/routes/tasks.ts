// /v2/tasks: glance's legacy tasks API (admin only: tasks_api_access). An 'import' task needs
// to fetch its import_from URL, which fails in a deployment without a route out.
import type { ImageRoute } from './route-declaration.js';
import { ErrorDoc, TaskCreateDoc, TaskDoc, TaskPageDoc } from '../schemas/documents.js';
import { taskDetailView, taskStubView } from '../views/image.js';
import { explained } from '../image-error.js';

export const taskRoutes: readonly ImageRoute[] = [
  { path: '/v2/tasks', method: 'GET', body: 'none', summary: 'List tasks (admin)', schemas: { response: { 200: TaskPageDoc, 400: ErrorDoc, 403: ErrorDoc } },
    handler: (call) => {
      const params = new Map(call.queryPairs.map(([k, v]) => [k, v] as const));
      const limitRaw = params.get('limit');
      if (limitRaw !== undefined && !/^\s*\d+\s*$/.test(limitRaw)) throw explained(400, 'limit param must be an integer');
      const r = call.service.allTasks(call.caller, limitRaw === undefined ? null : Number(limitRaw), params.get('marker') ?? null);
      params.delete('marker');
      const qs = new URLSearchParams([...params]).toString();
      const body: Record<string, unknown> = { tasks: r.tasks.map(taskStubView), first: qs ? `/v2/tasks?${qs}` : '/v2/tasks', schema: '/v2/schemas/tasks' };
      if (r.nextMarker) body.next = `/v2/tasks?${new URLSearchParams([...params, ['marker', r.nextMarker]]).toString()}`;
      return { status: 200, body };
    } },
  { path: '/v2/tasks', method: 'POST', body: 'json', summary: 'Create a task (admin)', schemas: { body: TaskCreateDoc, response: { 201: TaskDoc, 400: ErrorDoc, 403: ErrorDoc } },
    handler: (call) => {
      const task = call.service.createTask(call.caller, call.json);
      const location = `${call.req.protocol}://${call.req.headers.host ?? 'localhost'}${call.linkPrefix}/v2/tasks/${task.id}`;
      return { status: 201, body: taskDetailView(task), headers: { location } };
    } },
  { path: '/v2/tasks/{task_id}', method: 'GET', body: 'none', summary: 'Show a task (admin)', schemas: { response: { 200: TaskDoc, 403: ErrorDoc, 404: ErrorDoc } },
    handler: (call) => ({ status: 200, body: taskDetailView(call.service.getTask(call.caller, call.params.task_id!)) }) },
];
