import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../test/render';
import { ApiError, apiRequest, describeError, setCsrfToken, setUnauthenticatedHandler, withQuery } from './api-client';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
  setUnauthenticatedHandler(undefined);
});

describe('apiRequest', () => {
  it('sends the CSRF token and a JSON body on writes, and neither on reads', async () => {
    const calls = stubApi({
      'GET /admin/api/contact': () => ({ body: { items: [] } }),
      'POST /admin/api/contact/bulk-delete': () => ({ body: { deleted: 2 } }),
    });
    setCsrfToken('token-1');
    await apiRequest('/admin/api/contact', { query: { page: 2, q: '', status: undefined } });
    await expect(
      apiRequest('/admin/api/contact/bulk-delete', { method: 'POST', body: { ids: [1, 2] } }),
    ).resolves.toEqual({ deleted: 2 });

    const [read, write] = calls;
    expect(read.url.search).toBe('?page=2');
    expect(read.init.headers).not.toHaveProperty('x-csrf-token');
    expect(write.init.headers).toMatchObject({ 'x-csrf-token': 'token-1', 'content-type': 'application/json' });
    expect(write.init.body).toBe('{"ids":[1,2]}');
    expect(write.init.credentials).toBe('same-origin');
  });

  it('turns an error answer into an ApiError with its code and field problems', async () => {
    stubApi({
      'PUT /admin/api/settings/RATE_LIMIT_MAX': () => ({
        status: 400,
        body: { error: 'validation_failed', message: 'Invalid value', fields: { value: 'must be a whole number' } },
      }),
    });
    const failure = await apiRequest('/admin/api/settings/RATE_LIMIT_MAX', {
      method: 'PUT',
      body: { value: 'x' },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 400,
      code: 'validation_failed',
      fields: { value: 'must be a whole number' },
    });
    expect(describeError(failure)).toBe('value: must be a whole number');
  });

  it('hands a 401 to the sign-in handler, except from the calls that ask whether a session exists', async () => {
    stubApi({
      'GET /admin/api/stats': () => ({ status: 401, body: { error: 'unauthenticated' } }),
      'GET /auth/session': () => ({ status: 401, body: { error: 'unauthenticated' } }),
    });
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    await expect(apiRequest('/auth/session')).rejects.toMatchObject({ status: 401 });
    expect(handler).not.toHaveBeenCalled();
    await expect(apiRequest('/admin/api/stats')).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable server as a network error rather than a crash', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(apiRequest('/admin/api/stats')).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });
});

describe('withQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(withQuery('/x', { a: 'b c', empty: '', none: undefined, nil: null, n: 0, yes: false })).toBe(
      '/x?a=b+c&n=0&yes=false',
    );
    expect(withQuery('/x', {})).toBe('/x');
  });
});
