import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { isMailbox } from './addresses';

/** Printable text on one line: no control characters at all (CR and LF included). */
export const SINGLE_LINE = /^[^\p{Cc}\u2028\u2029]*$/u;

/** Printable text that may span lines: tabs and line breaks allowed, other control characters not. */
export const MULTI_LINE = /^(?:[^\p{Cc}]|[\t\r\n])*$/u;

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

const mailbox = (each: boolean, message: string) =>
  ValidateBy({ name: 'mailbox', validator: { validate: isMailbox, defaultMessage: () => message } }, { each });

export const IsMailbox = () =>
  applyDecorators(
    trim,
    IsString({ message: 'must be a string' }),
    MaxLength(254, { message: 'must be at most 254 characters' }),
    mailbox(false, 'must be a single valid email address'),
  );

/** A list of mailboxes (size limits are the caller's). */
export const IsMailboxList = (message = 'must be a list of email addresses') =>
  applyDecorators(IsString({ each: true, message }), mailbox(true, message));

export const IsSingleLineText = (max: number, min = 1) =>
  applyDecorators(
    trim,
    IsString({ message: 'must be a string' }),
    MinLength(min, { message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` }),
    MaxLength(max, { message: `must be at most ${max} characters` }),
    Matches(SINGLE_LINE, { message: 'must not contain line breaks or control characters' }),
  );

export const IsMultiLineText = (max: number) =>
  applyDecorators(
    trim,
    IsString({ message: 'must be a string' }),
    MinLength(1, { message: 'must not be empty' }),
    MaxLength(max, { message: `must be at most ${max} characters` }),
    Matches(MULTI_LINE, { message: 'must not contain control characters' }),
  );

/** A JSON value whose serialised form fits in `maxBytes` (free-form metadata stays small). */
export const JsonSizeAtMost = (maxBytes: number) =>
  ValidateBy({
    name: 'jsonSizeAtMost',
    validator: {
      validate: (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') <= maxBytes,
      defaultMessage: () => `must be at most ${maxBytes} bytes as JSON`,
    },
  });

/** HTML forms send empty strings for untouched optional inputs; treat them as absent. */
export const EmptyAsAbsent = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));
