import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AssignCaseDto,
  CASE_ASSIGN_V1,
  CASE_CLOSE_V1,
  CASE_CREATE_V1,
  CASE_ESCALATE_V1,
  CASE_GET_V1,
  CASE_HISTORY_V1,
  CASE_LINK_V1,
  CASE_LIST_V1,
  CASE_MERGE_V1,
  CASE_TRANSITION_V1,
  CASE_UPDATE_V1,
  CloseCaseDto,
  CreateCaseDto,
  EscalateCaseDto,
  GetCaseDto,
  LinkCaseDto,
  ListCasesDto,
  MergeCasesDto,
  TransitionCaseDto,
  UpdateCaseDto,
  type CaseHistoryEntry,
  type CasePage,
  type CaseView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { CaseService } from './case.service.js';

/** Employees act on cases through a front end: its caller credentials plus their token. */
@Controller()
export class CaseController {
  constructor(@Inject(CaseService) private readonly cases: CaseService) {}

  @MessagePattern(CASE_CREATE_V1)
  @RequirePermission('case.write')
  create(@Payload('payload') dto: CreateCaseDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.create(dto, ctx);
  }

  @MessagePattern(CASE_UPDATE_V1)
  @RequirePermission('case.write')
  update(@Payload('payload') dto: UpdateCaseDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.update(dto, ctx);
  }

  @MessagePattern(CASE_GET_V1)
  @RequirePermission('case.read')
  get(@Payload('payload') dto: GetCaseDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.get(dto.caseId, ctx);
  }

  @MessagePattern(CASE_HISTORY_V1)
  @RequirePermission('case.read')
  history(@Payload('payload') dto: GetCaseDto, @CallContext() ctx: CallContext): Promise<{ caseId: string; items: CaseHistoryEntry[] }> {
    return this.cases.history(dto.caseId, ctx);
  }

  @MessagePattern(CASE_LIST_V1)
  @RequirePermission('case.read')
  list(@Payload('payload') dto: ListCasesDto, @CallContext() ctx: CallContext): Promise<CasePage> {
    return this.cases.list(dto, ctx);
  }

  @MessagePattern(CASE_TRANSITION_V1)
  @RequirePermission('case.write')
  transition(@Payload('payload') dto: TransitionCaseDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.transition(dto, ctx);
  }

  @MessagePattern(CASE_ASSIGN_V1)
  @RequirePermission('case.write')
  assign(@Payload('payload') dto: AssignCaseDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.assign(dto, ctx);
  }

  @MessagePattern(CASE_ESCALATE_V1)
  @RequirePermission('case.write')
  escalate(@Payload('payload') dto: EscalateCaseDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.escalate(dto, ctx);
  }

  @MessagePattern(CASE_CLOSE_V1)
  @RequirePermission('case.write')
  close(@Payload('payload') dto: CloseCaseDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.close(dto, ctx);
  }

  @MessagePattern(CASE_MERGE_V1)
  @RequirePermission('case.write')
  merge(@Payload('payload') dto: MergeCasesDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.merge(dto, ctx);
  }

  @MessagePattern(CASE_LINK_V1)
  @RequirePermission('case.write')
  link(@Payload('payload') dto: LinkCaseDto, @CallContext() ctx: CallContext): Promise<CaseView> {
    return this.cases.link(dto, ctx);
  }
}
