import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { BrokerConnection } from '@crm/messaging';
import { APP_NAME } from './tokens.js';
import { metricsRegistry } from './metrics.js';

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
  async health(@Res({ passthrough: true }) res: Response) {
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
  async metrics(@Res() res: Response) {
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  }
}
