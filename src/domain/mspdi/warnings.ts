/**
 * What an import could not carry over exactly. One warning per kind of problem, counted, with a
 * few examples (task names), so that a file with 10,000 rounded durations gives one line, not
 * 10,000. `code` is stable (the web app translates by it); `message` is the English text.
 */

export interface ImportWarning {
  code: string;
  message: string;
  count: number;
  examples: string[];
}

const MAX_EXAMPLES = 5;

export class WarningCollector {
  private readonly byCode = new Map<string, ImportWarning>();

  add(code: string, message: string, example?: string | null): void {
    let w = this.byCode.get(code);
    if (!w) {
      w = { code, message, count: 0, examples: [] };
      this.byCode.set(code, w);
    }
    w.count++;
    if (example && w.examples.length < MAX_EXAMPLES && !w.examples.includes(example)) w.examples.push(example);
  }

  list(): ImportWarning[] {
    return [...this.byCode.values()];
  }
}
