import { Module } from '@nestjs/common';
import { EmbedController } from './embed.controller';
import { EMBED_SCRIPT, loadEmbedScript } from './embed-script';

/** The snippet marketing sites paste: /embed.js. */
@Module({
  controllers: [EmbedController],
  providers: [{ provide: EMBED_SCRIPT, useFactory: loadEmbedScript }],
})
export class EmbedModule {}
