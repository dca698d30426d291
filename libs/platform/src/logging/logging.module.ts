import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/** Paths pino blanks out wherever they appear, so credentials never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

/**
 * pino through nestjs-pino: JSON lines with ENABLE_JSON_LOGS, readable lines otherwise; one line per request with
 * ENABLE_REQUEST_LOGS. Every line of a request carries its id (the X-Request-Id answered to the client). Bodies are
 * never logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logging.level,
          autoLogging: config.logging.requests,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          // Fastify already chose the id (see createFastifyAdapter); pino-http reuses it from the raw request.
          genReqId: (req) => (req as { id?: string }).id ?? '',
          customProps: () => ({}),
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url?.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          transport: config.logging.json
            ? undefined
            : { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
