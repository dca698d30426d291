import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reportError } from '../error-reporter';
import { isDatabaseUnavailable } from './database-unavailable';
import { DomainError } from './domain-error';
import { escapeHtml, renderPage } from './html-page';
import { codeForStatus, fastifyErrorMessage, statusForDomainError, type ErrorBody } from './error-response';
import { HTML_CONTENT_TYPE } from './wants-html';

/** What a client is told to wait when the database is briefly away (a restart takes a few seconds). */
const RETRY_AFTER_SECONDS = 5;

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
    const { status, body } = this.describe(exception, request.id);
    if (status >= 500) {
      // Type, message and stack only: a database error's enumerable fields carry the statement's parameters.
      const err =
        exception instanceof Error
          ? { type: exception.name, message: exception.message, stack: exception.stack }
          : exception;
      this.logger.error({ err, request_id: body.request_id }, 'Unhandled error');
      reportError(exception);
    }
    if (reply.sent) return;
    void reply.status(status).header('cache-control', 'no-store');
    if (body.error === 'unavailable') void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    // A person in a browser (a form post or a link from an email) gets a page; every API client gets JSON.
    if (prefersHtml(request)) void reply.type(HTML_CONTENT_TYPE).send(errorPage(body));
    // Set the type explicitly: a route may have declared text/html for its normal answer.
    else void reply.type('application/json; charset=utf-8').send(body);
  }

  describe(exception: unknown, requestId: string | undefined): { status: number; body: ErrorBody } {
    if (isDatabaseUnavailable(exception)) {
      // Not the request's fault and not a bug: the database is restarting or out of reach. Nothing was done; the
      // client may simply try again.
      this.logger.warn(`Database unavailable (${(exception as Error).message}): answered 503`);
      const message = 'The service is briefly unavailable; try again in a few seconds';
      return { status: 503, body: { error: 'unavailable', message, request_id: requestId } };
    }
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

function prefersHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !accept.includes('application/json');
}

function errorPage(body: ErrorBody): string {
  const fields = body.fields
    ? `<ul>${Object.entries(body.fields)
        .map(([field, problem]) => `<li>${escapeHtml(field)}: ${escapeHtml(problem)}</li>`)
        .join('')}</ul>`
    : '';
  return renderPage({
    title: 'Something went wrong',
    siteName: 'Mailroom',
    body: `<h1>Sorry</h1><p class="notice">${escapeHtml(body.message)}</p>${fields}<p><small>Reference: ${escapeHtml(body.request_id)}</small></p>`,
  });
}
