import { Injectable, type CallHandler, type NestInterceptor } from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { ValidationFailed } from '@mailroom/platform';
import { ContactService } from './contact.service';

/** Interceptors wrap the validation pipe, so this sees (and counts) submissions refused as invalid. */
@Injectable()
export class ContactRejectionsInterceptor implements NestInterceptor {
  constructor(private readonly contacts: ContactService) {}

  intercept(_: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof ValidationFailed) this.contacts.recordRejected();
        return throwError(() => error);
      }),
    );
  }
}
