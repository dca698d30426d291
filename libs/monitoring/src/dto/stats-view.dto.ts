import { ApiProperty } from '@nestjs/swagger';

export class StatsRangeDto {
  @ApiProperty({ format: 'date', description: 'First UTC day, inclusive.' })
  from!: string;

  @ApiProperty({ format: 'date', description: 'Last UTC day, inclusive.' })
  to!: string;
}

export class SubscriberTotalsDto {
  @ApiProperty()
  pending!: number;

  @ApiProperty()
  confirmed!: number;

  @ApiProperty()
  unsubscribed!: number;
}

export class EmailTotalsDto {
  @ApiProperty({ description: 'Waiting in the outbox.' })
  pending!: number;

  @ApiProperty()
  sent!: number;

  @ApiProperty({ description: 'Given up after retries.' })
  failed!: number;

  @ApiProperty()
  skipped!: number;
}

export class StatsTotalsDto {
  @ApiProperty()
  submissions!: number;

  @ApiProperty({ type: SubscriberTotalsDto })
  subscribers!: SubscriberTotalsDto;

  @ApiProperty({ type: EmailTotalsDto })
  emails!: EmailTotalsDto;
}

export class DailyPointDto {
  @ApiProperty({ format: 'date' })
  date!: string;

  @ApiProperty()
  submissions!: number;

  @ApiProperty()
  new_subscribers!: number;

  @ApiProperty()
  unsubscribes!: number;

  @ApiProperty()
  emails_sent!: number;

  @ApiProperty()
  emails_failed!: number;
}

export class StatsDto {
  @ApiProperty({ type: StatsRangeDto })
  range!: StatsRangeDto;

  @ApiProperty({ type: StatsTotalsDto, description: 'All time.' })
  totals!: StatsTotalsDto;

  @ApiProperty({ type: [DailyPointDto], description: 'One point per UTC day in the range.' })
  daily!: DailyPointDto[];
}
