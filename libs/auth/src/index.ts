export * from './account-recovery';
export * from './account-recovery.module';
export * from './access.guard';
export * from './auth.module';
export * from './auth.service';
export * from './current-actor.decorator';
export * from './entities/admin-user.entity';
export * from './roles.decorator';
