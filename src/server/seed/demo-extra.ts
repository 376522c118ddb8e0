export interface DemoExtraOptions {
  orgId: string;
  /** Demo person key → user id. */
  people: Map<string, string>;
  now: Date;
  seed: number;
}
