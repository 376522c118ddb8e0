import type { Executor } from '../db/transaction.js';
import type { DemoExtraOptions } from './demo-extra.js';

/** The demo company's quality records, written in the seeding transaction after the projects. */
export async function seedDemoQuality(_trx: Executor, _opts: DemoExtraOptions): Promise<void> {}
