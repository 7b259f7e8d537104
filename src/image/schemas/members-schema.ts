// GET /v2/schemas/members as glance 25 (Zed) serves it (image_members.get_collection_schema): the
// items are the member schema itself, not a copy of it.
import { MEMBER_SCHEMA } from './member-schema.js';

export const MEMBERS_SCHEMA: Record<string, unknown> = {
  name: 'members',
  properties: {
    members: { type: 'array', items: MEMBER_SCHEMA },
    schema: { type: 'string' },
  },
  links: [{ rel: 'describedby', href: '{schema}' }],
};
