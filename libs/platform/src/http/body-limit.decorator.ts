import { RouteConfig } from '@nestjs/platform-fastify';

/** Raises (or lowers) BODY_LIMIT for one route, e.g. a CSV import; applied by configureApp's onRoute hook. */
export const BodyLimit = (bytes: number) => RouteConfig({ bodyLimit: bytes });

export function routeBodyLimit(config: unknown): number | undefined {
  const limit = (config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
  return typeof limit === 'number' ? limit : undefined;
}
