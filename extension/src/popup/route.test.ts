import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route';

describe('popup routes', () => {
  it('open a message report from a notification link (popup.html#/message/ID), Live first', () => {
    expect(parseRoute('#/message/6f1c0d3e-8f43-4c1e-9d7a-1b2c3d4e5f60')).toEqual({
      name: 'message',
      id: '6f1c0d3e-8f43-4c1e-9d7a-1b2c3d4e5f60',
      scope: 'live',
    });
    expect(parseRoute('#/message/abc/global')).toEqual({ name: 'message', id: 'abc', scope: 'global' });
  });

  it('fall back to the recent messages for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ name: 'messages' });
    expect(parseRoute('#/nope/x')).toEqual({ name: 'messages' });
    expect(parseRoute('#/message/')).toEqual({ name: 'messages' });
  });

  it('round-trip through the hash', () => {
    const routes: Route[] = [
      { name: 'messages' },
      { name: 'overview', scope: 'live' },
      { name: 'overview', scope: 'global' },
      { name: 'message', id: 'a/b c', scope: 'global' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
