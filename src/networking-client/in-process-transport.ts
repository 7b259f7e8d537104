// In-process Neutron: the request goes through the same route table and handlers as HTTP
// (body checks, policy, views, the NeutronError envelope), only without a socket or Fastify,
// so a server create pays microseconds per networking call.
import { authFromHeaders } from '../http/auth-context.js';
import { NeutronError } from '../networking/errors.js';
import type { NetworkingService } from '../networking/networking-service.js';
import { networkingRoutes } from '../networking/routes/index.js';
import type { NetworkingCall, RouteDeclaration } from '../networking/routes/route-declaration.js';
import type { NetworkingTransport } from './transport.js';

interface Compiled { decl: RouteDeclaration; re: RegExp; names: string[] }

// at the first request (synchronously, as the handlers run): not while the server starts
let compiled: Compiled[] | undefined;
const routeTable = (): Compiled[] => compiled ??= networkingRoutes().map((decl) => {
  const names: string[] = [];
  const pattern = decl.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => { names.push(name); return '([^/]+)'; });
  const re = new RegExp(`^${pattern}$`);
  return { decl, re, names };
});

export function createInProcessTransport(service: NetworkingService, baseUrl = 'http://networking.invalid'): NetworkingTransport {
  return {
    async request(method, path, token, body, query) {
      const [pathname, queryText = ''] = path.split('?', 2) as [string, string | undefined];
      const auth = authFromHeaders({ 'x-auth-token': token });
      if (!auth) return { status: 401, body: null };
      let matchedPath = false;
      for (const c of routeTable()) {
        const m = c.re.exec(pathname);
        if (!m) continue;
        matchedPath = true;
        if (c.decl.method !== method) continue;
        const params: Record<string, string> = {};
        c.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]!); });
        const call: NetworkingCall = {
          req: undefined as never, auth, service, params,
          // the client's pairs as they are: no encoding to a query string and parsing it back (a
          // page of 1,000 servers asks for the ports of 1,000 device ids)
          queryPairs: query ?? [...new URLSearchParams(queryText)],
          selfUrl: `${baseUrl}${pathname}`, baseUrl,
          // the caller's object is handed over (the client builds a fresh one per call)
          body,
        };
        try {
          const res = c.decl.handler(call);
          // views build fresh objects over documents freshly read from the store: no copy needed
          return { status: res.status, body: res.body === undefined ? null : res.body };
        } catch (err) {
          if (err instanceof NeutronError) return { status: err.status, body: err.body() };
          throw err;
        }
      }
      void matchedPath;
      return { status: 404, body: { NeutronError: { type: 'HTTPNotFound', message: 'The resource could not be found.', detail: '' } } };
    },
    async close() { /* nothing held */ },
  };
}
