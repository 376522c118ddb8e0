import { describe, expect, it } from 'vitest';
import { allowedContractEvents, nextContractStatus, signContract } from './contract-flow.js';

describe('contract flow', () => {
  it('moves through negotiation to signature, then active and completed', () => {
    expect(nextContractStatus('draft', 'round')).toBe('negotiating');
    expect(nextContractStatus('negotiating', 'round')).toBe('negotiating');
    expect(nextContractStatus('negotiating', 'request_signature')).toBe('awaiting_signature');
    expect(nextContractStatus('draft', 'request_signature')).toBe('awaiting_signature');
    expect(nextContractStatus('awaiting_signature', 'round')).toBe('negotiating');
    expect(nextContractStatus('signed', 'activate')).toBe('active');
    expect(nextContractStatus('active', 'complete')).toBe('completed');
  });

  it('refuses what the flow does not allow', () => {
    expect(nextContractStatus('draft', 'activate')).toBeNull();
    expect(nextContractStatus('awaiting_signature', 'request_signature')).toBeNull();
    expect(nextContractStatus('signed', 'round')).toBeNull();
    expect(nextContractStatus('signed', 'complete')).toBeNull();
    expect(nextContractStatus('completed', 'terminate')).toBeNull();
    expect(nextContractStatus('terminated', 'activate')).toBeNull();
    expect(allowedContractEvents('completed')).toEqual([]);
    expect(allowedContractEvents('signed').sort()).toEqual(['activate', 'terminate']);
  });

  it('signs once per side, only while awaiting signature, signed on the later date', () => {
    const s0 = { status: 'awaiting_signature' as const, customerSignedOn: null, companySignedOn: null };
    const s1 = signContract(s0, 'company', '2026-04-03');
    expect(s1).toEqual({ ok: true, status: 'awaiting_signature', customerSignedOn: null, companySignedOn: '2026-04-03', signedOn: null });
    if (!s1.ok) throw new Error('unreachable');
    expect(signContract({ ...s1 }, 'company', '2026-04-04')).toEqual({ ok: false, reason: 'already_signed' });
    expect(signContract({ ...s1 }, 'customer', '2026-04-01')).toEqual({ ok: true, status: 'signed', customerSignedOn: '2026-04-01', companySignedOn: '2026-04-03', signedOn: '2026-04-03' });
    expect(signContract({ ...s1 }, 'customer', '2026-04-09')).toMatchObject({ status: 'signed', signedOn: '2026-04-09' });
    expect(signContract({ status: 'negotiating', customerSignedOn: null, companySignedOn: null }, 'customer', '2026-04-01')).toEqual({ ok: false, reason: 'not_awaiting_signature' });
    expect(signContract({ status: 'signed', customerSignedOn: '2026-04-01', companySignedOn: '2026-04-01' }, 'customer', '2026-04-01')).toEqual({ ok: false, reason: 'not_awaiting_signature' });
  });
});
