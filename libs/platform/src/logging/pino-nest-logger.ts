import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/** Nest's own log calls (start-up, services, the error filter) written through the process's pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack?, context?); an object message is logged as fields (e.g. { err, request_id }).
    const context = rest.length > 0 ? rest[rest.length - 1] : undefined;
    this.write('error', message, typeof context === 'string' ? context : undefined);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
  ): void {
    if (message !== null && typeof message === 'object') {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.pino[level]({ context, ...fields }, typeof msg === 'string' ? msg : '');
    } else {
      this.pino[level]({ context }, String(message));
    }
  }
}
