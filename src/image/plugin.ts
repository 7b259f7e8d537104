// A read-only glance v2 shim under /image: enough for clients (openstack CLI, openstacksdk)
// to resolve an image name or id before creating a server.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authFromHeaders } from '../http/auth-context.js';
import { IMAGES, IMAGE_TIMESTAMP, findImage, type ImageRecord } from './image-catalogue.js';

export interface ImagePluginOptions {
  linkPrefix: string;
}

const ImageView = Type.Object({}, { additionalProperties: true, description: 'a glance v2 image' });
const ImageList = Type.Object({
  images: Type.Array(ImageView),
  schema: Type.String(),
  first: Type.String(),
  next: Type.Optional(Type.String()),
}, { additionalProperties: false });
const ListQuery = Type.Object({
  name: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  visibility: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 0 })),
  marker: Type.Optional(Type.String()),
}, { additionalProperties: true });

export const imagePlugin: FastifyPluginAsync<ImagePluginOptions> = async (app, opts) => {
  const base = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? 'localhost'}${opts.linkPrefix}`;

  // Glance answers auth and lookup failures in plain text, as webob does.
  const plain = (status: number, title: string, detail: string) => `${status} ${title}\n\n${detail}\n\n   `;

  app.get('/', { schema: { response: { 300: Type.Object({ versions: Type.Array(Type.Object({}, { additionalProperties: true })) }, { additionalProperties: false }) } } },
    async (req, reply) => reply.code(300).send({
      versions: [{ id: 'v2.16', status: 'CURRENT', links: [{ rel: 'self', href: `${base(req)}/v2/` }] }],
    }));

  app.register(async (v2) => {
    v2.addHook('onRequest', async (req, reply) => {
      if (!authFromHeaders(req.headers)) {
        return reply.code(401).type('text/plain').send(plain(401, 'Unauthorized', 'This server could not verify that you are authorized to access the document you requested.'));
      }
    });

    v2.get('/images', { schema: { querystring: ListQuery, response: { 200: ImageList } } }, async (req) => {
      const q = req.query as { name?: string; id?: string; status?: string; visibility?: string; limit?: number; marker?: string };
      let list = IMAGES.filter((i) => (q.name === undefined || i.name === q.name)
        && (q.id === undefined || i.id === q.id)
        && (q.status === undefined || i.status === q.status)
        && (q.visibility === undefined || i.visibility === q.visibility));
      if (q.marker !== undefined) {
        const at = list.findIndex((i) => i.id === q.marker);
        list = at >= 0 ? list.slice(at + 1) : list;
      }
      const limit = q.limit ?? 25;
      const page = list.slice(0, limit);
      const body: { images: unknown[]; schema: string; first: string; next?: string } = {
        images: page.map((i) => renderImage(i, opts.linkPrefix)),
        schema: '/v2/schemas/images',
        first: '/v2/images',
      };
      if (list.length > limit && page.length > 0) body.next = `/v2/images?marker=${page[page.length - 1]!.id}&limit=${limit}`;
      return body;
    });

    v2.get('/images/:id', { schema: { params: Type.Object({ id: Type.String() }, { additionalProperties: false }), response: { 200: ImageView, 404: Type.String() } } },
      async (req, reply) => {
        const { id } = req.params as { id: string };
        const found = findImage(id);
        if (!found) return reply.code(404).type('text/plain').send(plain(404, 'Not Found', `No image found with ID ${id}`));
        return renderImage(found, opts.linkPrefix);
      });
  }, { prefix: '/v2' });
};

/** Glance v2's image view: properties are flattened into the image. */
export function renderImage(i: ImageRecord, linkPrefix: string): Record<string, unknown> {
  void linkPrefix;
  return {
    ...i.properties,
    id: i.id,
    name: i.name,
    status: i.status,
    visibility: i.visibility,
    protected: i.protected,
    os_hidden: false,
    container_format: i.containerFormat,
    disk_format: i.diskFormat,
    size: i.size,
    virtual_size: null,
    min_ram: i.minRam,
    min_disk: i.minDisk,
    tags: [...i.tags],
    checksum: null,
    os_hash_algo: null,
    os_hash_value: null,
    owner: null,
    created_at: IMAGE_TIMESTAMP,
    updated_at: IMAGE_TIMESTAMP,
    self: `/v2/images/${i.id}`,
    file: `/v2/images/${i.id}/file`,
    schema: '/v2/schemas/image',
  };
}
