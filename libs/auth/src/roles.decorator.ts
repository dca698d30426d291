import { SetMetadata } from '@nestjs/common';
import type { AdminRole } from './entities/admin-user.entity';

export const ROLES = 'mailroom:roles';

/** Narrows a route to some roles. Without it, any signed-in admin (viewers included) may read. */
export const Roles = (...roles: AdminRole[]) => SetMetadata(ROLES, roles);
