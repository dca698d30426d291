import { ApiProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';

/** The value is checked against the setting's own type by the service. */
export class SettingUpdateDto {
  @ApiProperty({
    description: 'String, number, boolean, list (array or comma-separated) or null, as the setting takes.',
  })
  @Allow()
  value!: unknown;
}
