import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig, type Config } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/database.js';
import { backupCommand, CliError, consoleOutput, createAdminCommand, migrateCommand, seedCommand, usersCommand, type Output } from './commands.js';

/**
 * `tandem`: operate a Tandem installation from the server's shell. Reads the same environment as
 * the server (TANDEM_DATABASE_URL for PostgreSQL, else SQLite at TANDEM_DATA_DIR/tandem.db).
 * Run it as `npx tandem <command>`, `npm run tandem -- <command>` or `node bin/tandem.mjs`.
 */

type Handler<O> = (database: Database, config: Config, options: O, out: Output) => Promise<unknown>;

/** Opens the configured database, runs the command, and always closes the database. */
async function run<O>(handler: Handler<O>, options: O, opts: { existingDatabase?: boolean } = {}) {
  const config = loadConfig();
  if (opts.existingDatabase && !config.databaseUrl && !fs.existsSync(config.sqlitePath)) {
    throw new CliError(`There is no database at ${config.sqlitePath}; set TANDEM_DATA_DIR (or TANDEM_DATABASE_URL), or create it with \`tandem migrate\`.`);
  }
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath, poolSize: 2 });
  try {
    await handler(database, config, options, consoleOutput);
  } finally {
    await database.destroy();
  }
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Not a positive whole number.');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('Not a whole number.');
  return n;
}

function packageVersion(): string {
  try {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new CliError('Cancelled.'));
        }
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function askForPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('No --password given and no terminal to ask for one; pass --password or run the command in a terminal.');
  const first = await promptHidden('Password (at least 8 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new CliError('The two passwords differ.');
  return first;
}

function buildProgram(): Command {
  const program = new Command('tandem')
    .description('Operate a Tandem installation: migrations, seed data, administrators, backups.')
    .version(packageVersion())
    .showHelpAfterError('(tandem --help lists the commands)')
    .addHelpText('after', '\nThe database comes from the environment: TANDEM_DATABASE_URL=postgres://… or SQLite at $TANDEM_DATA_DIR/tandem.db (default ./data).');

  program
    .command('migrate')
    .description('apply the migrations the database does not have yet')
    .action(() => run(migrateCommand, {}));

  program
    .command('seed')
    .description('create sample data: the demo company, or a large one for benchmarks')
    .addOption(new Option('--scale <scale>', 'demo: the 13-person demo company; large: "Tandem Large Co." at benchmark scale').choices(['demo', 'large']).default('demo'))
    .option('--users <n>', 'users of the large company (default 1000)', positiveInteger)
    .option('--projects <n>', 'projects of the large company, ~60 tasks each (default 5 per user: 5000; 0 for none)', wholeNumber)
    .action((o: { scale: 'demo' | 'large'; users?: number; projects?: number }) => run(seedCommand, { scale: o.scale, users: o.users, projects: o.projects }));

  program
    .command('create-admin')
    .description('create an administrator (and the organisation, when the database has none)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', 'at least 8 characters; asked for without echo when omitted')
    .option('--org <name>', 'organisation to add the administrator to (required when there are several; created when there are none)')
    .option('--currency <code>', 'currency of a new organisation', 'CNY')
    .option('--locale <locale>', 'language of a new organisation: zh-CN or en', 'zh-CN')
    .option('--time-zone <tz>', 'time zone of a new organisation', 'Asia/Shanghai')
    .action(async (o: { email: string; name: string; password?: string; org?: string; currency: string; locale: string; timeZone: string }) => {
      const password = o.password ?? (await askForPassword());
      await run(createAdminCommand, { ...o, password });
    });

  program
    .command('backup')
    .description('write an online, consistent copy of the database to <file> (SQLite backup, or pg_dump custom format)')
    .argument('<file>', 'where to write the backup')
    .option('--force', 'overwrite <file> if it exists')
    .option('--pg-dump <path>', 'the pg_dump program to use on PostgreSQL', 'pg_dump')
    .action((file: string, o: { force?: boolean; pgDump: string }) => run(backupCommand, { file, force: o.force, pgDump: o.pgDump }, { existingDatabase: true }));

  program
    .command('users')
    .description('list users: email, name, roles, status')
    .addOption(new Option('--status <status>', 'only users with this status').choices(['active', 'invited', 'disabled']))
    .option('--limit <n>', 'show at most n users', positiveInteger, 50)
    .option('--org <name>', 'only this organisation')
    .action((o: { status?: 'active' | 'invited' | 'disabled'; limit: number; org?: string }) => run(usersCommand, o, { existingDatabase: true }));

  return program;
}

/** One line, whatever the error: pg's connection errors can be an AggregateError with no message. */
function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  let message = err.message;
  if (!message && err instanceof AggregateError) message = err.errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
  if (!message) message = (err as { code?: string }).code ?? err.name;
  return message.replace(/:\s*\n\s*/g, ': ').replace(/\s*\n\s*/g, '; ');
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(`tandem: ${errorMessage(err)}`);
    process.exitCode = 1;
  });
