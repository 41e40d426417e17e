import { ApiProperty } from '@nestjs/swagger';
import type { OperationActorType, OperationChange } from '@crm/contracts';
import type { OperationLogItem } from './operation-log.mapper.js';

export class OperationChangeResponse implements OperationChange {
  @ApiProperty()
  field: string;
  @ApiProperty({ description: 'any JSON value; sensitive fields carry "***"' })
  old: unknown;
  @ApiProperty({ description: 'any JSON value; sensitive fields carry "***"' })
  new: unknown;
}

/** The HTTP answer's schema of one operation log entry (SPEC §4.2). */
export class OperationLogItemResponse implements OperationLogItem {
  @ApiProperty()
  id: string;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ example: 'sales' })
  service: string;
  @ApiProperty({ enum: ['employee', 'caller'] })
  actorType: OperationActorType;
  @ApiProperty({ description: 'employee ID, or the caller name of a system call', example: 'E100003' })
  actor: string;
  @ApiProperty({ example: 'account' })
  entity: string;
  @ApiProperty()
  entityId: string;
  @ApiProperty({ example: 'update' })
  action: string;
  @ApiProperty({ type: [OperationChangeResponse], description: 'changed fields only' })
  changes: OperationChangeResponse[];
  @ApiProperty({ type: String, nullable: true })
  requestId: string | null;
}
