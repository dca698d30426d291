import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import * as Sentry from '@sentry/node';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { codeForStatus, fastifyErrorMessage, statusForDomainError, type ErrorBody } from './error-response';
import { requestIdOf } from './request-id';

interface StatusError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * The one place errors become HTTP answers. Domain errors map by code; framework errors keep their 4xx status with a
 * short message; anything else is logged (and sent to Sentry) and answered as a generic 500 with the request id.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body } = this.describe(exception, requestIdOf(request));
    if (status >= 500) {
      this.logger.error({ err: exception, request_id: body.request_id }, 'Unhandled error');
      Sentry.captureException(exception);
    }
    if (reply.sent) return;
    void reply.status(status).header('cache-control', 'no-store').send(body);
  }

  describe(exception: unknown, requestId: string | undefined): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { error: exception.code, message: exception.message, request_id: requestId };
      if (exception.fields) body.fields = exception.fields;
      return { status: statusForDomainError(exception.code), body };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message = status >= 500 ? 'Internal server error' : exception.message;
      return { status, body: { error: codeForStatus(status), message, request_id: requestId } };
    }
    const statusError = exception as StatusError | undefined;
    const status = statusError?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = fastifyErrorMessage(statusError?.code, 'The request could not be read');
      return { status, body: { error: codeForStatus(status), message, request_id: requestId } };
    }
    return { status: 500, body: { error: 'internal_error', message: 'Internal server error', request_id: requestId } };
  }
}
