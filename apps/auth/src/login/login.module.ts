import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EmployeeService } from '../employee/employee.service.js';
import { SessionModule } from '../session/session.module.js';
import { LocalStrategy } from './local.strategy.js';
import { LoginController } from './login.controller.js';

@Module({
  imports: [PassportModule, SessionModule],
  controllers: [LoginController],
  providers: [{ provide: EmployeeService, useFactory: (ds: DataSource) => new EmployeeService(ds), inject: [getDataSourceToken()] }, LocalStrategy],
})
export class LoginModule {}
