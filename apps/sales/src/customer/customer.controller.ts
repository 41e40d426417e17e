import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateCustomerDto,
  CUSTOMER_CREATE_V1,
  CUSTOMER_GET_V1,
  CUSTOMER_UPDATE_V1,
  GetCustomerDto,
  UpdateCustomerDto,
  type CustomerView,
} from '@crm/contracts';
import { Actor, RequestKey, requestIdOfKey } from '@crm/messaging';
import { RequirePermission } from '@crm/security';
import { CustomerService } from './customer.service.js';

/** Employees act on customers through a front end: its caller credentials plus their token. */
@Controller()
export class CustomerController {
  constructor(@Inject(CustomerService) private readonly customers: CustomerService) {}

  @MessagePattern(CUSTOMER_CREATE_V1)
  @RequirePermission('customer.write')
  create(@Payload('payload') dto: CreateCustomerDto, @Payload('caller') caller: string, @RequestKey() requestKey: string | null, @Actor() employeeId: string): Promise<CustomerView> {
    return this.customers.create(dto, { caller, employeeId, requestId: requestIdOfKey(requestKey, caller) });
  }

  @MessagePattern(CUSTOMER_UPDATE_V1)
  @RequirePermission('customer.write')
  update(@Payload('payload') dto: UpdateCustomerDto, @Payload('caller') caller: string, @RequestKey() requestKey: string | null, @Actor() employeeId: string): Promise<CustomerView> {
    return this.customers.update(dto, { caller, employeeId, requestId: requestIdOfKey(requestKey, caller) });
  }

  @MessagePattern(CUSTOMER_GET_V1)
  @RequirePermission('customer.read')
  get(@Payload('payload') dto: GetCustomerDto): Promise<CustomerView> {
    return this.customers.get(dto.accountNo);
  }
}
