import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Module, RequestMethod, type DynamicModule, type LoggerService, type MiddlewareConsumer, type NestMiddleware, type NestModule } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';

/**
 * pino-http wired into Nest: one middleware logs every request (on express and on fastify, whose
 * middleware also receives the raw Node request), and a LoggerService sends Nest's own logs and
 * every `new Logger(ctx)` line to the same pino, bound to the request being served (so each
 * line carries its `req_…` id).
 *
 * Our own rather than nestjs-pino: every nestjs-pino release that supports Nest 12 declares
 * Node ≥ 22.12, and Ordo runs on Node 20 (issue 14.9). This is the part of it Ordo used.
 */
const current = new AsyncLocalStorage<Pino>();
const HTTP_LOGGER = Symbol('HTTP_LOGGER');

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

@Injectable()
export class PinoLoggerService implements LoggerService {
  constructor(@Inject(HTTP_LOGGER) private readonly http: HttpLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest calls `(message, ...params, context)`: `new Logger('Errors').error({ err }, 'text')`
   * arrives as `({ err }, 'text', 'Errors')`, Nest's own `error(text, stack, context)`.
   */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    const pino = current.getStore() ?? this.http.logger;
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    const text = typeof params[0] === 'string' ? (params.shift() as string) : undefined;
    if (message instanceof Error) pino[level]({ ...fields, err: message }, text ?? message.message);
    else if (message !== null && typeof message === 'object') pino[level]({ ...fields, ...message }, text);
    else if (text !== undefined && level === 'error') pino[level]({ ...fields, stack: text }, String(message));
    else pino[level](fields, String(message));
  }
}

@Injectable()
class RequestLoggingMiddleware implements NestMiddleware {
  constructor(@Inject(HTTP_LOGGER) private readonly http: HttpLogger) {}

  use(req: IncomingMessage & { log?: Pino }, res: ServerResponse, next: () => void): void {
    this.http(req, res);
    current.run(req.log ?? this.http.logger, next);
  }
}

@Module({})
export class RequestLoggingModule implements NestModule {
  static forRoot(options: Options): DynamicModule {
    return {
      module: RequestLoggingModule,
      global: true,
      providers: [{ provide: HTTP_LOGGER, useValue: pinoHttp(options) }, PinoLoggerService, RequestLoggingMiddleware],
      exports: [PinoLoggerService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // path-to-regexp 8 (express 5, middie 9) spells "every path, the root included" this way.
    consumer.apply(RequestLoggingMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
