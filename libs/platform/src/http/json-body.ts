import { parse as parseQuery } from 'node:querystring';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ValidationFailed } from './domain-error';

/** Deeper than any body Mailroom takes (metadata is the deepest: a small JSON object). */
export const MAX_JSON_DEPTH = 32;

/**
 * The top-level field whose value nests deeper than `max` (or '' when the body itself does), found without
 * recursion: validation and class-transformer recurse, and a body 5,000 levels deep would overflow their stack.
 */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: unknown; depth: number; field: string }[] = [{ value, depth: 0, field: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= max) return item.field;
    for (const [key, child] of Object.entries(item.value)) {
      stack.push({ value: child, depth: item.depth + 1, field: item.depth === 0 ? key : item.field });
    }
  }
  return undefined;
}

/**
 * The body parsers: JSON through Fastify's own parser (which refuses __proto__ and constructor poisoning) and then the
 * depth check, so a body nested too deep is a 400 naming the field before anything else walks it; forms as flat
 * fields (a repeated field becomes a list, which validation refuses).
 */
export function registerBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const { bodyLimit } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    void parseJson(request as FastifyRequest, body.toString('utf8'), (error, value) => {
      if (error) return done(error, undefined);
      const field = tooDeep(value);
      if (field === undefined) return done(null, value);
      done(
        new ValidationFailed({ [field || 'body']: `is nested too deeply (at most ${MAX_JSON_DEPTH} levels)` }),
        undefined,
      );
    });
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    done(null, parseQuery(body.toString('utf8')));
  });
}
