import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import { Logger } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyRequest } from 'fastify';
import type { Counter, Histogram } from 'prom-client';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { startupWarnings } from '../config/startup-warnings';
import { createLogger, loggerOptions } from '../logging/logger-options';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { METRIC } from '../metrics/metric-names';
import { routeBodyLimit } from './body-limit.decorator';
import { requestIdFor } from './request-id';
import { helmetHeaders } from './security-headers';
import { registerBodyParsers } from './json-body';

/** The Fastify instance every Mailroom HTTP process runs on. */
export function createFastifyAdapter(config: AppConfig, logStream?: DestinationStream): FastifyAdapter {
  const options = loggerOptions(config);
  return new FastifyAdapter({
    // Fastify's own pino logger: cheaper per request than a logging middleware with async context.
    loggerInstance: logStream ? pino({ ...options, transport: undefined }, logStream) : createLogger(config),
    // Request lines are written by our onResponse hook: one line per request, not Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    bodyLimit: config.http.bodyLimitBytes,
    requestTimeout: config.http.requestTimeoutMs,
    trustProxy: config.http.trustProxy,
    requestIdHeader: false,
    genReqId: (raw: IncomingMessage) => requestIdFor(raw),
    return503OnClosing: true,
  });
}

/** Public /api routes may be called from the configured sites (any site when ALLOWED_ORIGIN is empty), never with credentials. */
function corsFor(config: AppConfig) {
  return (request: FastifyRequest, callback: (error: Error | null, options: object) => void) => {
    const isPublicApi = request.url.startsWith('/api/');
    const origin = config.origins.allowed.length > 0 ? [...config.origins.allowed] : '*';
    callback(
      null,
      isPublicApi
        ? {
            origin,
            credentials: false,
            methods: ['GET', 'POST', 'PUT', 'DELETE'],
            // A site's fetch may read when to retry after a 429, and the id to quote when reporting a problem.
            exposedHeaders: ['Retry-After', 'X-Request-Id'],
            maxAge: 600,
          }
        : { origin: false },
    );
  };
}

function documentApi(app: NestFastifyApplication, config: AppConfig): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mailroom')
      .setDescription('Contact form and newsletter backend')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', ui: config.http.openApiDocs });
}

/**
 * Everything about the HTTP surface that is not a route: the one place main.ts and the tests share, so tests run
 * the app exactly as it is deployed.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(new PinoNestLogger(fastify.log as unknown as PinoLogger));
  // Fastify parses text/plain by default; Mailroom reads JSON and forms only, anything else gets 415.
  fastify.removeContentTypeParser('text/plain');
  registerBodyParsers(app);
  // Routes marked @BodyLimit() get their own limit (Nest registers routes later, at init, so this hook sees them).
  fastify.addHook('onRoute', (route) => {
    const limit = routeBodyLimit(route.config);
    if (limit !== undefined) route.bodyLimit = limit;
  });

  const requests = app.get<Counter<string>>(getToken(METRIC.httpRequests));
  const durations = app.get<Histogram<string>>(getToken(METRIC.httpDuration));
  const securityHeaders = helmetHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeaders).header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    // One line per request (Fastify's built-in request logging writes two).
    if (config.logging.requests)
      request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  await app.register(cookie);
  await app.register(cors, () => corsFor(config));
  // Plain form fields only (RFC 8058 one-click posts may be multipart); files are refused.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { files: 0, fields: 20, fieldSize: 8 * 1024, fileSize: 0 },
  });
  documentApi(app, config);
  for (const warning of startupWarnings(config)) new Logger('Mailroom').warn(warning);
  // No app.enableShutdownHooks(): signals belong to bootstrapProcess, which closes the app once (two handlers would
  // each run the shutdown hooks, racing each other to close the database under the sender).
}
