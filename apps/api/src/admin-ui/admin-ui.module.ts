import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '@mailroom/platform';
import { AdminUiAssets } from './admin-ui.assets';
import { ADMIN_UI_ASSETS } from './admin-ui.constants';
import { AdminUiController } from './admin-ui.controller';

/** The built React dashboard, served by the API itself so one process serves everything. */
@Module({
  controllers: [AdminUiController],
  providers: [
    {
      provide: ADMIN_UI_ASSETS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const assets = AdminUiAssets.load(config.http.adminUiDir);
        if (!assets) new Logger('AdminUi').warn(`No admin UI build in ${config.http.adminUiDir}; /admin answers 503`);
        return assets;
      },
    },
  ],
})
export class AdminUiModule {}
