import { loadConfig } from '../config/ordo-config.js';
import { loggerOptions, redactUrl } from './logging.js';

describe('request URLs in logs', () => {
  it.each([
    ['/v1/orders', '/v1/orders'],
    ['/v1/orders?page_size=10', '/v1/orders?page_size=[redacted]'],
    ['/v1/orders?card=4242424242424242&x=1', '/v1/orders?card=[redacted]&x=[redacted]'],
    ['/v1/orders?flag', '/v1/orders?flag=[redacted]'],
    ['/v1/orders?', '/v1/orders'],
    ['/v1/orders/4242424242424242/timeline', '/v1/orders/[redacted]/timeline'],
    ['/v1/orders/ord_0123456789abcdef', '/v1/orders/ord_0123456789abcdef'],
    ['/v1/x?4242424242424242=1', '/v1/x?[redacted]=[redacted]'],
    ['/v1/orders/4242-4242-4242-4242', '/v1/orders/[redacted]'],
    ['/v1/orders/4242%204242%204242%204242/timeline', '/v1/orders/[redacted]/timeline'],
    ['/v1/orders/ord_2026-12-02', '/v1/orders/ord_2026-12-02'],
    // Hosted pages: the token in the path is a credential.
    ['/checkout/cst_0123456789abcdefABCDEF12/pay', '/checkout/[token]/pay'],
    ['/i/ipt_0123456789abcdefABCDEF12', '/i/[token]'],
    ['/l/plt_0123456789abcdefABCDEF12', '/l/[token]'],
    ['/authenticate/pi_0123456789abcdef/sigSIGsig-_0123', '/authenticate/pi_0123456789abcdef/[token]'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('the request serializer pino-http uses applies it', () => {
    const options = loggerOptions(loadConfig({})) as { serializers: { req: (r: object) => { url: string } } };
    expect(options.serializers.req({ id: 'req_1', method: 'GET', url: '/v1/orders?card=4242424242424242' }).url).toBe('/v1/orders?card=[redacted]');
  });
});
