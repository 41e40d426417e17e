import { ApiProperty } from '@nestjs/swagger';
import type { ReviewItem, ReviewRecord } from '../access-review.service.js';

export class ReviewItemResponse implements ReviewItem {
  @ApiProperty({ example: 'E100003' })
  employeeId: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ type: String, nullable: true })
  department: string | null;
  @ApiProperty({ type: [String] })
  roles: string[];
  @ApiProperty({ type: [String] })
  permissions: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastLoginAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  lastReviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true })
  lastReviewedBy: string | null;
  @ApiProperty({ format: 'date-time' })
  dueAt: string;
  @ApiProperty()
  overdue: boolean;
}

export class ReviewRecordResponse implements ReviewRecord {
  @ApiProperty()
  id: string;
  @ApiProperty({ example: 'E100003' })
  employeeId: string;
  @ApiProperty({ example: 'E100002' })
  reviewerId: string;
  @ApiProperty({ enum: ['confirm', 'revoke'] })
  decision: 'confirm' | 'revoke';
  @ApiProperty()
  note: string;
  @ApiProperty({ type: [String], nullable: true, description: 'the roles a revoke removed; null when it disabled the ID or confirmed' })
  removedRoles: string[] | null;
  @ApiProperty()
  disabled: boolean;
  @ApiProperty({ format: 'date-time' })
  at: string;
}
