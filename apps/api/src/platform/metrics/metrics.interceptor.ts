import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { tap, type Observable } from 'rxjs';
import { ReplayedResponse } from '../all-exceptions.filter.js';
import { toErrorResponse } from '../error-response.js';
import { OrdoMetrics } from './ordo-metrics.js';

/**
 * Times each request from its handler being reached (after authentication and rate limits) to
 * its answer, labelled by the route *template* read from Nest's own metadata — the same on express
 * and fastify, and never an id.
 */
@Injectable()
export class MetricsInterceptor implements NestInterceptor {
  private readonly routes = new WeakMap<object, string>();

  constructor(
    private readonly metrics: OrdoMetrics,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = performance.now();
    const http = context.switchToHttp();
    const method = http.getRequest<{ method: string }>().method;
    const route = this.routeOf(context);
    const observe = (status: number) => this.metrics.requests.observe({ method, route, status: String(status) }, (performance.now() - started) / 1000);
    return next.handle().pipe(
      tap({
        next: () => observe(http.getResponse<{ statusCode: number }>().statusCode),
        // A stored answer replayed by the idempotency interceptor travels as an exception.
        error: (error: unknown) => observe(error instanceof ReplayedResponse ? error.status : toErrorResponse(error, '').status),
      }),
    );
  }

  private routeOf(context: ExecutionContext): string {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (route === undefined) {
      const parts = [this.reflector.get<string>(PATH_METADATA, context.getClass()), this.reflector.get<string>(PATH_METADATA, handler)];
      route = '/' + parts.flatMap((p) => (p ? p.split('/') : [])).filter((p) => p !== '').join('/');
      this.routes.set(handler, route);
    }
    return route;
  }
}
