// For a service that reads its request bodies itself, as the Python one does (Placement's
// util.extract_json, cinder's wsgi deserializers): every body reaches the handler as the bytes
// sent, whatever its media type, and Fastify neither validates nor serializes — the service's
// own python-jsonschema validator checks, and its JSON writer writes (Python's float and
// key-order rules).
import type { FastifyInstance } from 'fastify';

export function takeRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
