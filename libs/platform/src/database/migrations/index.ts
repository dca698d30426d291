import { ContactAndOutbox1732300000000 } from './1732300000000-contact-and-outbox';

/** Every migration, in order. Listed explicitly so the build, the CLI and tests agree without globbing. */
export const MIGRATIONS = [ContactAndOutbox1732300000000];
