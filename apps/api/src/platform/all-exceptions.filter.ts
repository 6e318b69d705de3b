import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toErrorResponse } from './error-response.js';
import { etagOf } from './if-match.js';
import { requestIdOf, type OrdoRequest } from './request-context.js';

/** A stored response answered again for a repeated Idempotency-Key (status and body as first sent). */
export class ReplayedResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** Every failure leaves as the brief's error body with a stable code; nothing leaks a stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<OrdoRequest>();
    const res = http.getResponse<unknown>();
    const adapter = this.adapterHost.httpAdapter;
    const requestId = requestIdOf(req);
    adapter.setHeader(res, 'Request-Id', requestId);
    if (exception instanceof ReplayedResponse) {
      adapter.setHeader(res, 'Idempotent-Replayed', 'true');
      const etag = etagOf(exception.body);
      if (etag) adapter.setHeader(res, 'ETag', etag);
      adapter.reply(res, exception.body, exception.status);
      return;
    }
    const response = toErrorResponse(exception, requestId);
    if (response.unexpected) this.logger.error({ err: exception, request_id: requestId }, 'unexpected error');
    for (const [name, value] of Object.entries(response.headers)) adapter.setHeader(res, name, value);
    adapter.reply(res, response.body, response.status);
  }
}
