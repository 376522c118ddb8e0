/** The contract status flow of DOMAIN.md, as pure functions. */
export type ContractStatus = 'draft' | 'negotiating' | 'awaiting_signature' | 'signed' | 'active' | 'completed' | 'terminated';
export type ContractEvent = 'round' | 'request_signature' | 'activate' | 'complete' | 'terminate';

const FLOW: Record<ContractStatus, Partial<Record<ContractEvent, ContractStatus>>> = {
  // A negotiation round opens (or re-opens) the negotiation, even while awaiting a signature.
  draft: { round: 'negotiating', request_signature: 'awaiting_signature', terminate: 'terminated' },
  negotiating: { round: 'negotiating', request_signature: 'awaiting_signature', terminate: 'terminated' },
  awaiting_signature: { round: 'negotiating', terminate: 'terminated' },
  signed: { activate: 'active', terminate: 'terminated' },
  active: { complete: 'completed', terminate: 'terminated' },
  completed: {},
  terminated: {},
};

/** The status after an event, or null when the event is not allowed in this status. */
export function nextContractStatus(status: ContractStatus, event: ContractEvent): ContractStatus | null {
  return FLOW[status][event] ?? null;
}

/** The events allowed in a status (for the UI's buttons). */
export function allowedContractEvents(status: ContractStatus): ContractEvent[] {
  return Object.keys(FLOW[status]) as ContractEvent[];
}

export interface SignatureState {
  status: ContractStatus;
  customerSignedOn: string | null;
  companySignedOn: string | null;
}

export type SignOutcome =
  | { ok: true; status: ContractStatus; customerSignedOn: string | null; companySignedOn: string | null; signedOn: string | null }
  | { ok: false; reason: 'not_awaiting_signature' | 'already_signed' };

/**
 * One side signs on a date. Only while awaiting signature, once per side; when both sides have
 * signed the contract is signed, on the later of the two dates.
 */
export function signContract(state: SignatureState, side: 'customer' | 'company', date: string): SignOutcome {
  if (state.status !== 'awaiting_signature') return { ok: false, reason: 'not_awaiting_signature' };
  if ((side === 'customer' ? state.customerSignedOn : state.companySignedOn) !== null) return { ok: false, reason: 'already_signed' };
  const customer = side === 'customer' ? date : state.customerSignedOn;
  const company = side === 'company' ? date : state.companySignedOn;
  if (customer && company) return { ok: true, status: 'signed', customerSignedOn: customer, companySignedOn: company, signedOn: customer > company ? customer : company };
  return { ok: true, status: 'awaiting_signature', customerSignedOn: customer, companySignedOn: company, signedOn: null };
}
