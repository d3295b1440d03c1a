import { AccountToken } from '../../modules/auth/account-token.entity';
import { RefreshToken } from '../../modules/auth/refresh-token.entity';
import { AuditEvent } from '../../modules/audit-events/audit-event.entity';
import { RoleGrant } from '../../modules/role-grants/role-grant.entity';
import { SocietySetting } from '../../modules/society-settings/society-setting.entity';
import { Society } from '../../modules/societies/society.entity';
import { User } from '../../modules/users/user.entity';
import { Foundation1763800000000 } from '../../migrations/1763800000000-foundation';

export const ENTITIES = [
  Society,
  User,
  RoleGrant,
  RefreshToken,
  AccountToken,
  SocietySetting,
  AuditEvent,
];

/** In order; every one hand-written SQL (policies need review, synchronize stays off). */
export const MIGRATIONS = [Foundation1763800000000];
