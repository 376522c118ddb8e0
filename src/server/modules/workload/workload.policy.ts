import { allow } from '../../lib/policy.js';

// Everyone signed in may open the workload view; which people it shows is the row scope of
// visiblePeople (workload.repository.ts), applied inside the SQL.
allow('workload', 'read', () => true);
