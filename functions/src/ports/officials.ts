import type { OfficialRole } from '@minsheng/shared';

export interface Official {
  username: string;
  displayName: string;
  role: OfficialRole;
  departmentId?: string;
  /** The unit an intake officer, supervisor or admin works in (the root when absent); a handler's is their department's. */
  unitId?: string;
  passwordHash: string;
  disabled: boolean;
  /** Raised on disable and password reset: tokens issued before stop working at once. */
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** Officials' accounts. */
export interface OfficialStore {
  getOfficial(username: string): Promise<Official | undefined>;
  /** Create an official; false when the username is taken. */
  createOfficial(official: Official): Promise<boolean>;
  /** Replace an official's record (disable, reset password). */
  putOfficial(official: Official): Promise<void>;
  listOfficials(): Promise<Official[]>;
}
