import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MerchantsService } from '../merchants/merchants.service.js';
import { ApiError } from './api-error.js';
import { IdMinter } from './ids.js';
import { headerOf, requestIdOf, type OrdoRequest } from './request-context.js';

const PUBLIC = 'ordo:public';
/** Routes anyone may call (health, API reference). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * `Authorization: Bearer ordo_<mode>_<secret>`: the key's hash names the merchant, the key's
 * mode (test|live) scopes every read and write of the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly merchants: MerchantsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<OrdoRequest>();
    const header = headerOf(req, 'authorization');
    if (!header) throw new ApiError(401, 'API_KEY_MISSING', 'send your API key as Authorization: Bearer <key>', undefined, { 'WWW-Authenticate': 'Bearer' });
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match ? await this.merchants.authenticate(match[1]) : undefined;
    if (!found) throw new ApiError(401, 'API_KEY_INVALID', 'the API key is not valid or has been revoked', undefined, { 'WWW-Authenticate': 'Bearer' });
    req.ordo = { requestId: requestIdOf(req), merchantId: found.merchantId, mode: found.mode, apiKeyId: found.keyId, ids: new IdMinter() };
    return true;
  }
}
