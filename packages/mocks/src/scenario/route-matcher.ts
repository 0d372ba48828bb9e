import { type RouteName, routeList } from '@confide/protocol';

interface CompiledRoute {
  readonly name: RouteName;
  readonly method: string;
  readonly pattern: RegExp;
}

const compiled: readonly CompiledRoute[] = routeList.map((route) => ({
  name: route.name,
  method: route.method,
  pattern: new RegExp(`^${route.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
}));

/** The protocol route a request goes to (by method and path below the base URL), or undefined. */
export function matchRoute(method: string, path: string): RouteName | undefined {
  const upper = method.toUpperCase();
  return compiled.find((route) => route.method === upper && route.pattern.test(path))?.name;
}
