import { ApiProperty } from '@nestjs/swagger';
import type { PermissionView, RoleView } from '../role.service.js';

export class RoleResponse implements RoleView {
  @ApiProperty({ example: 'sales' })
  name: string;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
  @ApiProperty({ description: 'holders must present a TOTP code at login' })
  twoFactorRequired: boolean;
  @ApiProperty({ type: [String], example: ['account.read', 'account.write'] })
  permissions: string[];
  @ApiProperty({ description: 'active employees holding the role' })
  members: number;
}

export class PermissionResponse implements PermissionView {
  @ApiProperty({ example: 'audit.read' })
  name: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a permission only the database knows' })
  description: string | null;
  @ApiProperty({ type: [String], description: 'roles that grant it' })
  roles: string[];
}
