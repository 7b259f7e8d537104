// GET /v2/schemas/tasks as glance 25 (Zed) serves it: glance.api.v2.tasks.get_collection_schema,
// a CollectionSchema('tasks') over the task schema less the properties a task list leaves out
// (input, result, message), so the items are derived from TASK_SCHEMA, not a copy of it.
import { TASK_SCHEMA } from './task-schema.js';

const { input: _input, result: _result, message: _message, ...listed } = TASK_SCHEMA.properties as Record<string, unknown>;

export const TASKS_SCHEMA: Record<string, unknown> = {
  name: 'tasks',
  properties: {
    tasks: { type: 'array', items: { name: 'task', properties: listed } },
    schema: { type: 'string' },
  },
  links: [{ rel: 'describedby', href: '{schema}' }],
};
