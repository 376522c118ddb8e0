import { useQuery } from '@tanstack/react-query';
import type { EarnedValueResponse } from '../../../../contracts/timesheets.js';
import { api } from '../../../lib/api.js';

export type EarnedValue = EarnedValueResponse;

export function useEarnedValue(projectId: string, statusDate: string) {
  return useQuery({
    queryKey: ['projects', 'earned-value', projectId, statusDate],
    queryFn: ({ signal }) => api.get<EarnedValue>(`/projects/${projectId}/earned-value`, { statusDate }, signal),
  });
}
