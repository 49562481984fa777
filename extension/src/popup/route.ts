import type { ReportScope } from '@beacon/shared/api/reports';

/** The popup's views, kept in the hash so a notification can open `popup.html#/message/ID` in a tab. */
export type Route = { name: 'messages' } | { name: 'overview'; scope: ReportScope } | { name: 'message'; id: string; scope: ReportScope };

const scopeOf = (part: string | undefined): ReportScope => (part === 'global' ? 'global' : 'live');

export function parseRoute(hash: string): Route {
  const [view, a, b] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (view === 'overview') return { name: 'overview', scope: scopeOf(a) };
  if (view === 'message' && a) return { name: 'message', id: a, scope: scopeOf(b) };
  return { name: 'messages' };
}

export function routeHash(route: Route): string {
  if (route.name === 'overview') return `#/overview/${route.scope}`;
  if (route.name === 'message') return `#/message/${encodeURIComponent(route.id)}/${route.scope}`;
  return '#/';
}
