import { canonicalJson, requestHash } from './request-hash.js';

describe('canonicalJson / requestHash', () => {
  it('ignores key order and undefined fields at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(requestHash('capture', { amount: 1, final: true })).toBe(requestHash('capture', { final: true, amount: 1 }));
  });

  it('differs with the operation or any parameter', () => {
    const base = requestHash('capture', { authorizationId: 'auth_1', amount: 100, final: false });
    expect(requestHash('refund', { authorizationId: 'auth_1', amount: 100, final: false })).not.toBe(base);
    expect(requestHash('capture', { authorizationId: 'auth_1', amount: 101, final: false })).not.toBe(base);
    expect(requestHash('capture', { authorizationId: 'auth_1', amount: 100, final: true })).not.toBe(base);
    expect(requestHash('capture', { authorizationId: 'auth_1', amount: '100', final: false })).not.toBe(base);
  });
});
