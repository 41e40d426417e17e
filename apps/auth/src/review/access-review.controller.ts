import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '@crm/contracts';
import { ApiErrors, ApiItems } from '@crm/runtime';
import { CurrentOperator, OperatorAuthGuard, PermissionGuard, RequirePermissions, type Operator } from '@crm/security';
import { actorOf, EmployeeIdPipe } from '../employee/employee-id.pipe.js';
import { AccessReviewService } from './access-review.service.js';
import { ReviewDecisionDto } from './dto/review-decision.dto.js';
import { ReviewItemResponse, ReviewRecordResponse } from './dto/review.response.js';

@ApiTags('access review')
@ApiBearerAuth()
@Controller('auth/reviews')
@UseGuards(OperatorAuthGuard, PermissionGuard)
export class AccessReviewController {
  constructor(@Inject(AccessReviewService) private readonly reviews: AccessReviewService) {}

  @Get()
  @RequirePermissions(['access.review'])
  @ApiOperation({ summary: 'Every active ID with roles, last login, last review and the overdue flag' })
  @ApiOkResponse({ type: ApiItems(ReviewItemResponse) })
  async report() {
    return { items: await this.reviews.report() };
  }

  @Get(':employeeId')
  @RequirePermissions(['access.review'])
  @ApiOperation({ summary: "An employee's review decisions, newest first" })
  @ApiOkResponse({ type: ApiItems(ReviewRecordResponse) })
  @ApiErrors([ErrorCode.ValidationFailed, 'not an employee ID'])
  async history(@Param('employeeId', EmployeeIdPipe) employeeId: string) {
    return { items: await this.reviews.history(employeeId) };
  }

  @Post(':employeeId')
  @HttpCode(200)
  @RequirePermissions(['access.review'])
  @ApiOperation({ summary: 'confirm, or revoke (named roles, or the whole ID: disabled)' })
  @ApiOkResponse({ type: ReviewRecordResponse })
  @ApiErrors(
    ErrorCode.NotFound,
    [ErrorCode.Forbidden, 'nobody reviews their own access'],
    [ErrorCode.Conflict, 'only active IDs are reviewed'],
    [ErrorCode.ValidationFailed, 'not an employee ID, an invalid field, or a role the employee does not hold'],
  )
  decide(@CurrentOperator() op: Operator, @Param('employeeId', EmployeeIdPipe) employeeId: string, @Body() dto: ReviewDecisionDto) {
    return this.reviews.decide(actorOf(op), employeeId, dto);
  }
}
