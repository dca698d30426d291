import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@mailroom/platform';
import { EMBED_SCRIPT, type EmbedScript } from './embed-script';

/**
 * GET /embed.js: the script a marketing site adds (`<script src=".../embed.js" defer>`) so its Mailroom forms submit
 * with fetch and show errors in place. Public, cacheable, and loadable from any origin.
 */
@ApiExcludeController()
@Public()
@Controller()
export class EmbedController {
  constructor(@Inject(EMBED_SCRIPT) private readonly script: EmbedScript) {}

  @Get('embed.js')
  serve(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    void reply
      .header('content-type', 'application/javascript; charset=utf-8')
      // Other sites load it: helmet's same-origin resource policy would make browsers refuse it.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=3600')
      .header('etag', this.script.etag);
    if (request.headers['if-none-match'] === this.script.etag) return reply.status(304).send();
    return reply.status(200).send(this.script.source);
  }
}
