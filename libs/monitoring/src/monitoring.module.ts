import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MonitoringService } from './monitoring.service';
import { OutboxAdminController } from './outbox-admin.controller';
import { OutboxAdminService } from './outbox-admin.service';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';
import { TablesModule } from '@mailroom/platform';
import { STATS_DAILY } from './entities/daily-stat.entity';

@Module({
  imports: [
    TablesModule.forFeature([STATS_DAILY]),
    TerminusModule.forRoot({ logger: false }),
    PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: true } }),
  ],
  controllers: [HealthController, StatsController, OutboxAdminController],
  providers: [MonitoringService, MetricsTokenGuard, StatsService, StatsRepository, OutboxAdminService],
})
export class MonitoringModule {}
