import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateTerritoryDto,
  GetRealignmentDto,
  GetTerritoryDto,
  ListTerritoriesDto,
  RealignTerritoryDto,
  SALES_TERRITORY_CREATE_V1,
  SALES_TERRITORY_GET_V1,
  SALES_TERRITORY_LIST_V1,
  SALES_TERRITORY_REALIGN_V1,
  SALES_TERRITORY_REALIGNMENT_GET_V1,
  SALES_TERRITORY_UPDATE_V1,
  UpdateTerritoryDto,
  type RealignmentView,
  type TerritoryPage,
  type TerritoryView,
} from '@crm/contracts';
import { CallContext, RequirePermission } from '@crm/security';
import { RealignmentService } from './realignment.service.js';
import { TerritoryService } from './territory.service.js';

@Controller()
export class TerritoryController {
  constructor(
    @Inject(TerritoryService) private readonly territories: TerritoryService,
    @Inject(RealignmentService) private readonly realignments: RealignmentService,
  ) {}

  @MessagePattern(SALES_TERRITORY_CREATE_V1)
  @RequirePermission('territory.write')
  create(@Payload('payload') dto: CreateTerritoryDto, @CallContext() ctx: CallContext): Promise<TerritoryView> {
    return this.territories.create(dto, ctx);
  }

  @MessagePattern(SALES_TERRITORY_UPDATE_V1)
  @RequirePermission('territory.write')
  update(@Payload('payload') dto: UpdateTerritoryDto, @CallContext() ctx: CallContext): Promise<TerritoryView> {
    return this.territories.update(dto, ctx);
  }

  @MessagePattern(SALES_TERRITORY_GET_V1)
  @RequirePermission('territory.read')
  get(@Payload('payload') dto: GetTerritoryDto): Promise<TerritoryView> {
    return this.territories.get(dto.territoryId);
  }

  @MessagePattern(SALES_TERRITORY_LIST_V1)
  @RequirePermission('territory.read')
  list(@Payload('payload') dto: ListTerritoriesDto): Promise<TerritoryPage> {
    return this.territories.list(dto);
  }

  @MessagePattern(SALES_TERRITORY_REALIGN_V1)
  @RequirePermission('territory.write')
  realign(@Payload('payload') dto: RealignTerritoryDto, @CallContext() ctx: CallContext): Promise<RealignmentView> {
    return this.realignments.start(dto, ctx);
  }

  @MessagePattern(SALES_TERRITORY_REALIGNMENT_GET_V1)
  @RequirePermission('territory.read')
  realignment(@Payload('payload') dto: GetRealignmentDto): Promise<RealignmentView> {
    return this.realignments.get(dto.realignmentId);
  }
}
