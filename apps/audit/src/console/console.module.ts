import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller.js';

/** Serves the operator console at `/console`. */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
