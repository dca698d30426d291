import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, DatabaseModule, MailModule, MetricsModule, type AppConfig } from '@mailroom/platform';

/** The delivery worker: the same platform libraries as the API, no HTTP. It drains the outbox. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), MetricsModule, DatabaseModule, MailModule],
    };
  }
}
