// novamock's answers in the parity run checked against the response schemas its routes declare
// (the ones openapi/ documents), as the API tests' answers are (src/http/response-contract.ts).
// The answers come from a separate novamock process over HTTP, so the check runs on a shadow:
// a Fastify app with every route of novamock's main port (same URL patterns, same router
// options, same declared responses), whose handlers replay the recorded answer through the
// same onSend check. Routing is Fastify's own, so an answer meets the schemas of exactly the
// route that produced it.
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { testConfig } from '../../../src/config.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { buildApp, createServices } from '../../../src/app.js';
import { installResponseContract, type ContractViolation } from '../../../src/http/response-contract.js';

export { describeViolations } from '../../helpers/response-contract.js';

/** One answer as the parity target received it. */
export interface RecordedAnswer {
  readonly method: string;
  /** Path and query, as requested (e.g. /compute/v2.1/servers/uuid?all_tenants=1). */
  readonly url: string;
  readonly status: number;
  readonly contentType: string | undefined;
  /** Its OpenStack-API-Version header ('compute 2.47'): fields bound to a window are checked against it. */
  readonly apiVersion?: string | undefined;
  /** The body as received; '' when empty. */
  readonly text: string;
}

export interface AnswerContract {
  /** Check one answer; its violations are kept until take(). */
  check(answer: RecordedAnswer): Promise<void>;
  /** The violations seen since the last call (and forget them). */
  take(): ContractViolation[];
  /** Answers seen, and how many of them met a route that declares its responses (the checked ones). */
  readonly counts: { answers: number; checked: number };
  close(): Promise<void>;
}

const ANSWER_HEADER = 'x-parity-answer';

export async function answerContract(): Promise<AnswerContract> {
  const routes: RouteOptions[] = [];
  const services = createServices(createRuntime(testConfig()));
  const source = await buildApp(services, { eager: true, onRoute: (r) => { routes.push(r); } });
  await source.ready();
  await source.close();
  services.runtime.db.close();

  const violations: ContractViolation[] = [];
  const counts = { answers: 0, checked: 0 };
  const pending = new Map<string, RecordedAnswer>();
  const shadow: FastifyInstance = Fastify({ routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 } });
  shadow.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installResponseContract(shadow, (v) => { violations.push(v); });
  for (const r of routes) {
    const response = (r.schema as { response?: unknown } | undefined)?.response;
    shadow.route({
      method: r.method, url: r.url, exposeHeadRoute: false,
      ...(response ? { schema: { response } as RouteOptions['schema'] } : {}),
      handler: async (req, reply) => {
        const answer = pending.get(String(req.headers[ANSWER_HEADER]))!;
        if (response) counts.checked++;
        reply.code(answer.status);
        if (answer.contentType !== undefined) reply.header('content-type', answer.contentType);
        if (answer.apiVersion !== undefined) reply.header('openstack-api-version', answer.apiVersion);
        return reply.send(answer.text === '' ? undefined : answer.text);
      },
    });
  }
  await shadow.ready();

  let next = 0;
  return {
    async check(answer) {
      const key = String(next++);
      counts.answers++;
      pending.set(key, answer);
      try {
        await shadow.inject({ method: answer.method as 'GET', url: answer.url, headers: { [ANSWER_HEADER]: key } });
      } finally {
        pending.delete(key);
      }
    },
    take: () => violations.splice(0, violations.length),
    counts,
    close: () => shadow.close(),
  };
}
