import { PROJECT_HEALTH, PROJECT_ROLES, PROJECT_STATUSES, TASK_STATUSES } from '../../../contracts/projects.js';
import { SCHEDULE_CONSTRAINT_TYPES, SCHEDULE_LINK_TYPES } from '../../../contracts/schedule.js';
import { CONSTRAINT_TYPE_LIST, LINK_TYPE_LIST, PROJECT_HEALTH_LIST, PROJECT_ROLE_LIST, PROJECT_STATUS_LIST, TASK_STATUS_LIST } from './types.js';

// Copies kept so that zod stays out of the bundle; they must not drift from the contracts.
describe('delivery copies of contract enums', () => {
  it('match the contracts', () => {
    expect([...PROJECT_STATUS_LIST]).toEqual([...PROJECT_STATUSES]);
    expect([...PROJECT_HEALTH_LIST]).toEqual([...PROJECT_HEALTH]);
    expect([...PROJECT_ROLE_LIST]).toEqual([...PROJECT_ROLES]);
    expect([...TASK_STATUS_LIST]).toEqual([...TASK_STATUSES]);
    expect([...LINK_TYPE_LIST]).toEqual([...SCHEDULE_LINK_TYPES]);
    expect([...CONSTRAINT_TYPE_LIST]).toEqual([...SCHEDULE_CONSTRAINT_TYPES]);
  });
});
