import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { BrokerConnection } from '@crm/messaging';
import { APP_NAME } from './tokens.js';
import { metricsRegistry } from './metrics.js';

export class HealthPartResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'why it is down (database only)' })
  error?: string;
}

export class HealthDetailsResponse {
  @ApiProperty({ type: HealthPartResponse })
  database: HealthPartResponse;

  @ApiProperty({ type: HealthPartResponse })
  broker: HealthPartResponse;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] })
  status: 'ok' | 'error';

  @ApiProperty({ example: 'audit' })
  app: string;

  @ApiProperty({ type: HealthDetailsResponse })
  details: HealthDetailsResponse;
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BrokerConnection) private readonly broker: BrokerConnection,
    @Inject(APP_NAME) private readonly app: string,
  ) {}

  /** 200 when both the database and the broker answer, 503 otherwise, with the reason per part. */
  @Get('health')
  @HttpCode(200)
  @ApiOperation({ summary: 'Database and broker status of this app' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'the database or the broker is down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => ({ status: 'up' as const }))
      .catch((e: Error) => ({ status: 'down' as const, error: e.message.slice(0, 200) }));
    const broker = this.broker.connected ? { status: 'up' as const } : { status: 'down' as const };
    const ok = database.status === 'up' && broker.status === 'up';
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'error', app: this.app, details: { database, broker } };
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics: crm_calls_total, crm_call_duration_seconds, process metrics (audit: ingest counters)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  async metrics(@Res() res: Response) {
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  }
}
