import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@mailroom/platform';
import { AdminBootstrapRefused } from './auth.errors';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { passwordProblem } from './password-policy';

/**
 * First run of the API: creates the first owner from ADMIN_USERNAME/ADMIN_PASSWORD, never with a weak or default
 * password. Apart from AuthService so the command line (which creates admins itself) does not seed one.
 */
@Injectable()
export class FirstOwner implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstOwner.name);

  constructor(
    private readonly admins: AuthRepository,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.admins.countAdmins()) > 0) return;
    const username = this.config.admin.bootstrapUsername;
    let password = this.config.admin.bootstrapPassword;
    if (password === undefined || password === 'admin' || passwordProblem(password, username)) {
      if (this.config.env === 'production') throw new AdminBootstrapRefused();
      password = randomBytes(18).toString('base64url');
      this.logger.warn(
        `Created the first admin "${username}" with the generated password: ${password} (shown once; change it after signing in)`,
      );
    }
    await this.admins.createAdmin({
      username,
      displayName: null,
      passwordHash: await this.auth.hashPassword(password),
      role: 'owner',
    });
  }
}
