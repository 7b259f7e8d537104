// A body over BODY_LIMIT is refused with a 413, and Fastify closes the connection after it.
// A client that writes its whole body before reading (Python's http.client, requests) is still
// sending then, and sees a broken pipe instead of the answer. So before the 413 goes out, the
// rest of the body is read and thrown away, up to a bound: past it, the answer is sent anyway.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** Read and discard what is left of `raw`; true when it ended within `bound` more bytes. */
export function discardBody(raw: IncomingMessage, bound: number): Promise<boolean> {
  if (raw.complete || raw.destroyed) return Promise.resolve(raw.complete);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      raw.off('data', onData);
      raw.off('end', onEnd);
      raw.off('error', onFail);
      raw.off('close', onFail);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => { seen += chunk.length; if (seen > bound) finish(false); };
    const onEnd = () => finish(true);
    const onFail = () => finish(raw.complete);
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onFail);
    raw.on('close', onFail);
    raw.resume();
  });
}

/** A root hook: every service's 413 waits until the client has finished sending (bounded). */
export function discardOversizedBodies(app: FastifyInstance, bound: number): void {
  app.addHook('onError', async (req, _reply, err) => {
    if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') await discardBody(req.raw, bound);
  });
}
