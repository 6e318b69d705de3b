import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { etagOf } from './if-match.js';
import { requestIdOf, type OrdoRequest } from './request-context.js';

/** One page of a list: the envelope adds `next_page_token` (null on the last page). */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly nextPageToken: string | null,
  ) {}
}

export interface Envelope {
  data: unknown;
  request_id: string;
  meta: Record<string, unknown>;
  next_page_token?: string | null;
}

/** Wraps every successful answer in `{ data, request_id, meta }` (brief §2). */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<Envelope> {
    const http = context.switchToHttp();
    const requestId = requestIdOf(http.getRequest<OrdoRequest>());
    this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'Request-Id', requestId);
    return next.handle().pipe(
      map((result: unknown) => {
        const body: Envelope =
          result instanceof Page ? { data: result.items, next_page_token: result.nextPageToken, request_id: requestId, meta: {} } : { data: result ?? null, request_id: requestId, meta: {} };
        const etag = etagOf(body);
        if (etag) this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'ETag', etag);
        return body;
      }),
    );
  }
}
