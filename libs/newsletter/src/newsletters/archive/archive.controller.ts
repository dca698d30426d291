import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { HTML_CONTENT_TYPE, IdParams, Public } from '@mailroom/platform';
import { ARCHIVE_CSP } from './archive.pages';
import { NewsletterArchive } from './newsletter-archive.service';

/** Cached briefly by browsers and proxies: an issue taken out of the archive disappears within a minute. */
const CACHE = 'public, max-age=60';

/** The public newsletter archive: server-rendered pages and an RSS 2.0 feed, no script. */
@ApiTags('archive')
@Controller('archive')
export class ArchiveController {
  constructor(private readonly archive: NewsletterArchive) {}

  @Get()
  @Public()
  @Header('content-type', HTML_CONTENT_TYPE)
  @Header('content-security-policy', ARCHIVE_CSP)
  @Header('cache-control', CACHE)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The newsletters shown in the archive, newest first, with the feed linked.' })
  index(): Promise<string> {
    return this.archive.indexPage();
  }

  @Get('feed.xml')
  @Public()
  @Header('content-type', 'application/rss+xml; charset=utf-8')
  @Header('cache-control', CACHE)
  @ApiProduces('application/rss+xml')
  @ApiOkResponse({ description: 'RSS 2.0 feed of the archive.' })
  feed(): Promise<string> {
    return this.archive.feed();
  }

  @Get(':id')
  @Public()
  @Header('content-type', HTML_CONTENT_TYPE)
  @Header('content-security-policy', ARCHIVE_CSP)
  @Header('cache-control', CACHE)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'One newsletter as an anonymous reader sees it.' })
  issue(@Param() params: IdParams): Promise<string> {
    return this.archive.issuePage(params.id);
  }
}
