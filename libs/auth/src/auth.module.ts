import { Module } from '@nestjs/common';
import { AccessGuard } from './access.guard';

/** Admin identity. The global AccessGuard denies every route that is not explicitly public. */
@Module({ providers: [AccessGuard], exports: [AccessGuard] })
export class AuthModule {}
