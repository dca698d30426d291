import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { InvalidBody, ValidationFailed, type FieldErrors } from './domain-error';

function collect(errors: ValidationError[], prefix: string, into: FieldErrors): FieldErrors {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length > 0) {
      const [name, message] = constraints[0];
      into[field] = name === 'whitelistValidation' ? 'is not an accepted field' : message;
    }
    if (error.children?.length) collect(error.children, field, into);
  }
  return into;
}

/** Bodies are objects of named fields; a JSON array, string or nothing at all is refused before field checks. */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new InvalidBody('The request body must be a JSON object or a form');
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are refused (no mass assignment) and every bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(collect(errors, '', {})),
  });
}
