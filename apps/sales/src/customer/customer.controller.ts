import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCustomerDto,
  CUSTOMER_CREATE_V1,
  CUSTOMER_GET_V1,
  CUSTOMER_LIST_V1,
  CUSTOMER_UPDATE_V1,
  GetCustomerDto,
  ListCustomersDto,
  UpdateCustomerDto,
  type CustomerPage,
  type CustomerView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { CustomerService } from './customer.service.js';

/** Employees act on customers through a front end: its caller credentials plus their token. */
@Controller()
export class CustomerController {
  constructor(@Inject(CustomerService) private readonly customers: CustomerService) {}

  @MessagePattern(CUSTOMER_CREATE_V1)
  @RequirePermission('customer.write')
  create(@Payload('payload') dto: CreateCustomerDto, @CallContext() ctx: CallContext): Promise<CustomerView> {
    return this.customers.create(dto, ctx);
  }

  @MessagePattern(CUSTOMER_UPDATE_V1)
  @RequirePermission('customer.write')
  update(@Payload('payload') dto: UpdateCustomerDto, @CallContext() ctx: CallContext): Promise<CustomerView> {
    return this.customers.update(dto, ctx);
  }

  @MessagePattern(CUSTOMER_GET_V1)
  @RequirePermission('customer.read')
  get(@Payload('payload') dto: GetCustomerDto, @CallContext() ctx: CallContext): Promise<CustomerView> {
    return this.customers.get(dto.accountNo, ctx);
  }

  @MessagePattern(CUSTOMER_LIST_V1)
  @RequirePermission('customer.read')
  list(@Payload('payload') dto: ListCustomersDto, @CallContext() ctx: CallContext): Promise<CustomerPage> {
    return this.customers.list(dto, ctx);
  }
}
