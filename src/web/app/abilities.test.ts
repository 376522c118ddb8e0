import { homePath, safeNext } from './abilities.js';
import type { Me } from '../lib/types.js';

const me = (abilities: Partial<Me['abilities']>): Me => ({
  user: { id: '0', orgId: '0', orgName: 'Org', orgCurrency: 'CNY', email: 'a@b.c', name: 'A', jobRole: 'sales', locale: 'en', timeZone: 'UTC', teamId: null },
  roles: [],
  abilities: { salesWorkspace: false, salesConfig: false, deliveryWorkspace: false, peopleWorkspace: false, admin: false, manageUsers: false, manageTeams: false, manageCalendars: false, viewAudit: false, ...abilities },
});

describe('homePath', () => {
  it('is the first workspace the user may use', () => {
    expect(homePath(me({ salesWorkspace: true, peopleWorkspace: true }))).toBe('/sales');
    expect(homePath(me({ deliveryWorkspace: true, peopleWorkspace: true }))).toBe('/delivery');
    expect(homePath(me({ peopleWorkspace: true, admin: true, manageUsers: true }))).toBe('/people');
    expect(homePath(me({ admin: true, manageUsers: true }))).toBe('/admin/users');
  });
});

describe('safeNext', () => {
  it('accepts only paths of this app', () => {
    expect(safeNext('/admin/users?q=x')).toBe('/admin/users?q=x');
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('/sign-in')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});
