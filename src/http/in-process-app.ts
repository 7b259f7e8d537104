// A service's plugin on a private Fastify instance, built on first use and called with
// app.inject: how a client's in-process transport reaches its service with exactly the HTTP
// semantics (status, errors, headers) and no socket.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Runtime } from '../runtime/runtime.js';

export interface InProcessApp {
  /** The app, registered and ready (built once; concurrent first calls share the build). */
  get(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/**
 * `component` names the log child ('placement-in-process'); `mount` registers the plugin at '';
 * `options` adds Fastify options (Placement's lazy schema compilers).
 */
export function inProcessApp(
  runtime: Pick<Runtime, 'logger' | 'ids'>, component: string, mount: (app: FastifyInstance) => PromiseLike<unknown>,
  options: Pick<FastifyServerOptions, 'schemaController'> = {},
): InProcessApp {
  let app: FastifyInstance | null = null;
  let ready: Promise<FastifyInstance> | null = null;
  return {
    get() {
      ready ??= (async () => {
        const a = Fastify({
          loggerInstance: runtime.logger.child({ component }, { level: 'warn' }),
          genReqId: () => runtime.ids.requestId(),
          routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
          ...options,
        }) as unknown as FastifyInstance;
        await mount(a);
        await a.ready();
        app = a;
        return a;
      })();
      return ready;
    },
    async close() {
      if (app) await app.close();
      app = null;
      ready = null;
    },
  };
}
