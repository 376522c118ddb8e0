import type { Executor } from '../db/transaction.js';
import type { DemoExtraOptions } from './demo-extra.js';

/** The demo company's engagement records, written in the seeding transaction after the projects. */
export async function seedDemoEngagement(_trx: Executor, _opts: DemoExtraOptions): Promise<void> {}
