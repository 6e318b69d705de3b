import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export interface SendOutcome {
  /** The receiver's status code; null when none came (refused, timed out, blocked). */
  status: number | null;
  /** Why it failed, short; null on a 2xx. */
  error: string | null;
  durationMs: number;
}

/** How much of a response is read before the connection is let go: receivers answer with a status, not a body. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one signed delivery. Redirects are not followed (a 3xx is a failure: the receiver must give
 * its final URL). The whole exchange is bounded by the timeout, so a slow receiver holds its slot
 * for that long at most. Live mode connects through agents that refuse loopback, private and
 * link-local addresses after DNS resolution, so a hostname that resolves inside the network (DNS
 * rebinding) is refused too; test mode may post to local receivers.
 */
export class WebhookSender {
  private readonly agents = {
    test: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
    live: { http: new RequestFilteringHttpAgent({ keepAlive: true }), https: new RequestFilteringHttpsAgent({ keepAlive: true }) },
  };

  constructor(private readonly timeoutMs: number) {}

  send(mode: 'test' | 'live', url: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
    const started = performance.now();
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const agent = this.agents[mode][secure ? 'https' : 'http'];
    const done = (status: number | null, error: string | null): SendOutcome => ({ status, error, durationMs: Math.round(performance.now() - started) });
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: SendOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const request = (secure ? https : http).request(
        target,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Ordo-Webhooks/1' },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) response.destroy();
          });
          const settle = () => finish(done(status, status >= 200 && status < 300 ? null : `HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`));
          response.on('end', settle);
          response.on('close', settle);
          response.on('error', settle);
        },
      );
      const timer = setTimeout(() => {
        finish(done(null, `no answer within ${this.timeoutMs} ms`));
        request.destroy();
      }, this.timeoutMs);
      request.on('error', (err: NodeJS.ErrnoException) => finish(done(null, describe(err))));
      request.end(body);
    });
  }

  close(): void {
    for (const pair of Object.values(this.agents)) for (const agent of Object.values(pair)) agent.destroy();
  }
}

function describe(err: NodeJS.ErrnoException): string {
  // request-filtering-agent's refusals say which address was refused; keep them recognisable.
  const text = err.code ? `${err.code}: ${err.message}` : err.message;
  return text.slice(0, 300);
}
