import { Module } from '@nestjs/common';
import { SettingsController } from './settings.controller';
import { SettingsRepository } from './settings.repository';
import { SettingsService } from './settings.service';
import { TablesModule } from '@mailroom/platform';
import { SETTINGS } from './entities/stored-setting.entity';

@Module({
  imports: [TablesModule.forFeature([SETTINGS])],
  controllers: [SettingsController],
  providers: [SettingsService, SettingsRepository],
  exports: [SettingsService],
})
export class SettingsModule {}
