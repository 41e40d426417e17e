import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A named set of permissions; `two_factor_required` makes its holders present a TOTP at login. */
@Entity('role')
export class RoleEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  @Column({ name: 'two_factor_required', type: 'boolean', default: false })
  twoFactorRequired: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** A permission the apps check (`<area>.<verb>`); new ones arrive with the code that checks them, by migration. */
@Entity('permission')
export class PermissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

@Entity('role_permission')
export class RolePermissionEntity {
  @PrimaryColumn({ name: 'role_name', type: 'varchar', length: 64 })
  roleName: string;

  @PrimaryColumn({ name: 'permission_name', type: 'varchar', length: 64 })
  permissionName: string;
}

@Entity('employee_role')
export class EmployeeRoleEntity {
  @PrimaryColumn({ name: 'employee_id', type: 'varchar', length: 16 })
  employeeId: string;

  @PrimaryColumn({ name: 'role_name', type: 'varchar', length: 64 })
  roleName: string;

  @Column({ name: 'assigned_at', type: 'datetime', precision: 3 })
  assignedAt: Date;

  /** Employee ID, or `cli` / `migration`. */
  @Column({ name: 'assigned_by', type: 'varchar', length: 64, nullable: true })
  assignedBy: string | null;
}
