import type { Schema } from './api-types';

/** Every list endpoint answers this shape (the API documents one per item type; the envelope is the same). */
export type Page<T> = Omit<Schema<'ContactSubmissionPageDto'>, 'items'> & { items: T[] };
