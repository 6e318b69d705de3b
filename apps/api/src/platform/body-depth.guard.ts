import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiError } from './api-error.js';
import type { OrdoRequest } from './request-context.js';

/**
 * The deepest body any route takes is four levels (`{ line_items: [ { unit_price_money: {…} } ] }`);
 * twenty leaves room for growth. Deeper bodies are refused before the idempotency hash, the
 * transformer or the validator walk them: those recurse, and a 2.7 kB body of 1,313 nested arrays
 * overflowed the transformer's stack (a 500 with a stack trace in the log, issue 15.3).
 */
export const MAX_BODY_DEPTH = 20;

/** Depth of a parsed JSON value, measured without recursion (so measuring cannot overflow either). */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Runs after authentication and before interceptors and pipes, on both HTTP adapters. */
@Injectable()
export class BodyDepthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<OrdoRequest>();
    if (exceedsDepth(req.body, MAX_BODY_DEPTH)) {
      throw new ApiError(400, 'BODY_TOO_DEEP', `the request body nests objects or arrays more than ${MAX_BODY_DEPTH} levels deep`);
    }
    return true;
  }
}
