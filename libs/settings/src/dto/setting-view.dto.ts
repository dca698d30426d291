import { ApiProperty } from '@nestjs/swagger';

/** One setting as admins see it; secrets come masked. */
export class SettingViewDto {
  @ApiProperty({ example: 'SITE_NAME' })
  key!: string;

  @ApiProperty({ enum: ['site', 'email', 'forms', 'limits', 'system'] })
  group!: 'site' | 'email' | 'forms' | 'limits' | 'system';

  @ApiProperty({ enum: ['string', 'url', 'email', 'emails', 'origins', 'field', 'integer', 'boolean'] })
  type!: 'string' | 'url' | 'email' | 'emails' | 'origins' | 'field' | 'integer' | 'boolean';

  @ApiProperty()
  description!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
    nullable: true,
  })
  value!: string | number | boolean | string[] | null;

  @ApiProperty({ enum: ['default', 'environment', 'database'] })
  source!: 'default' | 'environment' | 'database';

  @ApiProperty({ description: 'False for what only the environment sets (connections, secrets).' })
  editable!: boolean;

  @ApiProperty()
  secret!: boolean;
}
