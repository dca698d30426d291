import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound, Public } from '@mailroom/platform';
import { AdminUiAssets } from './admin-ui.assets';
import { ADMIN_UI_ASSETS, ADMIN_UI_CSP } from './admin-ui.constants';

/**
 * Serves the dashboard at /admin: files from the build, and index.html for every other path so the SPA's router can
 * take over (history fallback). Public on purpose: the page holds no data; the SPA signs in through /auth.
 */
@ApiExcludeController()
@Public()
@Controller('admin')
export class AdminUiController {
  constructor(@Inject(ADMIN_UI_ASSETS) private readonly assets: AdminUiAssets | undefined) {}

  @Get()
  root(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return this.serve('index.html', request, reply);
  }

  // Fastify's own wildcard (Nest's `*path` syntax is Express's).
  @Get('*')
  file(@Param('*') name: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    // An unknown admin API path is a JSON 404, never the SPA's page.
    if (name === 'api' || name.startsWith('api/')) throw new NotFound('No such admin API route');
    return this.serve(name, request, reply);
  }

  private serve(name: string, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    if (!this.assets)
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The admin UI is not built. Run `npm run build` (npm start does it for you).');
    const file = this.assets.find(name);
    // A missing file with an extension is a 404 (never index.html served as a script); anything else is a route.
    if (!file && /\.[a-z0-9]+$/i.test(name)) throw new NotFound('No such file');
    const asset = file ?? this.assets.index;
    const served = file ? name : 'index.html';
    void reply
      .header('content-security-policy', ADMIN_UI_CSP)
      .header('x-frame-options', 'DENY')
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding')
      .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
    const { body, encoding } = AdminUiAssets.encode(asset, served, String(request.headers['accept-encoding'] ?? ''));
    if (encoding) void reply.header('content-encoding', encoding);
    return reply.type(asset.type).send(body);
  }
}
