import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ActivateContractDto,
  CONTRACT_ACTIVATE_V1,
  CONTRACT_CREATE_V1,
  CONTRACT_GET_V1,
  CONTRACT_LIST_V1,
  CONTRACT_RENEW_V1,
  CONTRACT_TERMINATE_V1,
  CreateContractDto,
  GetContractDto,
  ListContractsDto,
  RenewContractDto,
  TerminateContractDto,
  type ContractPage,
  type ContractView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { ContractService } from './contract.service.js';

/** Employees act on contracts through a front end: its caller credentials plus their token. */
@Controller()
export class ContractController {
  constructor(@Inject(ContractService) private readonly contracts: ContractService) {}

  @MessagePattern(CONTRACT_CREATE_V1)
  @RequirePermission('contract.write')
  create(@Payload('payload') dto: CreateContractDto, @CallContext() ctx: CallContext): Promise<ContractView> {
    return this.contracts.create(dto, ctx);
  }

  @MessagePattern(CONTRACT_ACTIVATE_V1)
  @RequirePermission('contract.write')
  activate(@Payload('payload') dto: ActivateContractDto, @CallContext() ctx: CallContext): Promise<ContractView> {
    return this.contracts.activate(dto, ctx);
  }

  /** Answers the successor (a draft); the renewed contract is in `sales.contract.renewed.v1` and `get`. */
  @MessagePattern(CONTRACT_RENEW_V1)
  @RequirePermission('contract.write')
  renew(@Payload('payload') dto: RenewContractDto, @CallContext() ctx: CallContext): Promise<ContractView> {
    return this.contracts.renew(dto, ctx);
  }

  @MessagePattern(CONTRACT_TERMINATE_V1)
  @RequirePermission('contract.write')
  terminate(@Payload('payload') dto: TerminateContractDto, @CallContext() ctx: CallContext): Promise<ContractView> {
    return this.contracts.terminate(dto, ctx);
  }

  @MessagePattern(CONTRACT_GET_V1)
  @RequirePermission('contract.read')
  get(@Payload('payload') dto: GetContractDto, @CallContext() ctx: CallContext): Promise<ContractView> {
    return this.contracts.get(dto.contractId, ctx);
  }

  @MessagePattern(CONTRACT_LIST_V1)
  @RequirePermission('contract.read')
  list(@Payload('payload') dto: ListContractsDto, @CallContext() ctx: CallContext): Promise<ContractPage> {
    return this.contracts.list(dto, ctx);
  }
}
