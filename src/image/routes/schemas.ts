// /v2/schemas/*: the schema documents glance serves (and validates with).
import type { ImageRoute } from './route-declaration.js';
import { SchemaDoc } from '../schemas/documents.js';
import { IMAGE_SCHEMA } from '../schemas/image-schema.js';
import { IMAGES_SCHEMA } from '../schemas/images-schema.js';
import { MEMBER_SCHEMA } from '../schemas/member-schema.js';
import { MEMBERS_SCHEMA } from '../schemas/members-schema.js';
import { TASK_SCHEMA } from '../schemas/task-schema.js';
import { TASKS_SCHEMA } from '../schemas/tasks-schema.js';

const doc = (name: string, body: Record<string, unknown>): ImageRoute => ({
  path: `/v2/schemas/${name}`, method: 'GET', body: 'none', summary: `The ${name} schema`, schemas: { response: { 200: SchemaDoc } },
  handler: () => ({ status: 200, body }),
});

export const schemaRoutes: readonly ImageRoute[] = [
  doc('image', IMAGE_SCHEMA), doc('images', IMAGES_SCHEMA), doc('member', MEMBER_SCHEMA), doc('members', MEMBERS_SCHEMA), doc('task', TASK_SCHEMA), doc('tasks', TASKS_SCHEMA),
];
