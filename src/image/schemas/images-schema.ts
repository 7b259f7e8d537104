// GET /v2/schemas/images as glance 25 (Zed) serves it: glance.schema.CollectionSchema('images', the
// image schema), so the items are the image schema itself, not a copy of it.
import { IMAGE_SCHEMA } from './image-schema.js';

export const IMAGES_SCHEMA: Record<string, unknown> = {
  name: 'images',
  properties: {
    images: { type: 'array', items: IMAGE_SCHEMA },
    first: { type: 'string' },
    next: { type: 'string' },
    schema: { type: 'string' },
  },
  links: [
    { rel: 'first', href: '{first}' },
    { rel: 'next', href: '{next}' },
    { rel: 'describedby', href: '{schema}' },
  ],
};
