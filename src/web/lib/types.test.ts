import { PASSWORD_MAX as CONTRACT_PASSWORD_MAX, PASSWORD_MIN as CONTRACT_PASSWORD_MIN } from '../../contracts/auth.js';
import { JOB_ROLES, ROLES } from '../../contracts/common.js';
import { TeamKind } from '../../contracts/teams.js';
import { UserStatus } from '../../contracts/users.js';
import { Locale } from '../../contracts/common.js';
import { JOB_ROLE_LIST, LOCALE_LIST, PASSWORD_MAX, PASSWORD_MIN, ROLE_LIST, TEAM_KIND_LIST, USER_STATUS_LIST } from './types.js';

// The web keeps copies of a few enum lists so that zod stays out of the main bundle; they must not drift.
describe('web copies of contract enums', () => {
  it('match the contracts', () => {
    expect([...ROLE_LIST]).toEqual([...ROLES]);
    expect([...JOB_ROLE_LIST]).toEqual([...JOB_ROLES]);
    expect([...LOCALE_LIST].sort()).toEqual([...Locale.options].sort());
    expect([...USER_STATUS_LIST]).toEqual([...UserStatus.options]);
    expect([...TEAM_KIND_LIST]).toEqual([...TeamKind.options]);
    expect(PASSWORD_MIN).toBe(CONTRACT_PASSWORD_MIN);
    expect(PASSWORD_MAX).toBe(CONTRACT_PASSWORD_MAX);
  });
});
