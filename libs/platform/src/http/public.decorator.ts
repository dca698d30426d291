import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'mailroom:public';

/** Opts a route out of the global deny-by-default access guard. The only way to do so. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
