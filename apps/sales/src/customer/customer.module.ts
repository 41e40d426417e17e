import { Module } from '@nestjs/common';
import { OutboxModule } from '@crm/outbox';
import { CustomerController } from './customer.controller.js';
import { CustomerService } from './customer.service.js';

@Module({
  imports: [OutboxModule],
  controllers: [CustomerController],
  providers: [CustomerService],
})
export class CustomerModule {}
