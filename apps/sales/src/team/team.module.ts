import { Module } from '@nestjs/common';

/** Sales: sales teams. */
@Module({})
export class TeamModule {}
