import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MonitoringService } from './monitoring.service';

@Module({
  imports: [
    TerminusModule.forRoot({ logger: false }),
    PrometheusModule.register({ controller: MetricsController, defaultMetrics: { enabled: true } }),
  ],
  controllers: [HealthController],
  providers: [MonitoringService, MetricsTokenGuard],
})
export class MonitoringModule {}
