import fs from 'node:fs';
import { Transform } from 'node:stream';
import Papa from 'papaparse';

/**
 * Reading an uploaded CSV file: which encoding it is in (UTF-8 with or without a byte-order mark,
 * or GBK as Excel saves it on Chinese Windows), and its rows in batches, streamed so that a
 * 100 MB file never sits in memory as one string.
 */
export type CsvEncoding = 'utf-8' | 'gbk';

export class CsvError extends Error {
  constructor(
    message: string,
    /** the row of the file (the header is row 1) where reading stopped, when known */
    readonly row: number | null,
  ) {
    super(message);
  }
}

const SNIFF_BYTES = 1 << 20;

/** UTF-8 when the start of the file decodes as UTF-8 (a BOM says so outright), else GBK if that decodes; null if neither. */
export function detectEncoding(head: Uint8Array): CsvEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return null;
  for (const enc of ['utf-8', 'gbk'] as const) {
    try {
      // stream: a character cut at the end of the sample is not an error
      new TextDecoder(enc, { fatal: true }).decode(head, { stream: true });
      return enc;
    } catch {
      /* try the next */
    }
  }
  return null;
}

export function readHead(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

function decoderStream(encoding: CsvEncoding) {
  // The BOM is dropped by TextDecoder; fatal: a byte sequence that is not in the encoding stops the read.
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, cb) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        cb(null, text);
      } catch {
        cb(new CsvError(`The file is not valid ${encoding === 'gbk' ? 'GBK' : 'UTF-8'} near byte ${offset.toLocaleString('en')}. Save it again as UTF-8 (or GBK) and upload it again.`, null));
      }
    },
    flush(cb) {
      try {
        const rest = decoder.decode();
        cb(null, rest || undefined);
      } catch {
        cb(new CsvError(`The file ends in the middle of a ${encoding === 'gbk' ? 'GBK' : 'UTF-8'} character.`, null));
      }
    },
  });
}

export interface CsvRow {
  /** the row of the file, the header being row 1 */
  row: number;
  cells: string[];
}

/**
 * Calls `onBatch` with the rows after the header, `size` at a time, waiting for each batch before
 * reading on. Broken quoting stops the read with a CsvError naming the row: the rest of the file
 * would otherwise be read into one cell. Answers the header and the number of data rows.
 */
export function readCsv(file: string, encoding: CsvEncoding, size: number, onBatch: (rows: CsvRow[]) => Promise<void>): Promise<{ header: string[]; rows: number }> {
  return new Promise((resolve, reject) => {
    let header: string[] | null = null;
    let n = 0;
    let batch: CsvRow[] = [];
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      reject(err);
    };
    const input = fs.createReadStream(file).on('error', fail);
    const text = input.pipe(decoderStream(encoding)).on('error', fail);
    Papa.parse<string[]>(text as unknown as File, {
      skipEmptyLines: 'greedy',
      step(result, parser) {
        if (failed) return parser.abort();
        n++;
        const quote = result.errors.find((e) => e.type === 'Quotes');
        if (quote) {
          parser.abort();
          return fail(new CsvError(`Row ${n}: ${quote.code === 'MissingQuotes' ? 'a quoted cell is never closed' : 'a quote inside a quoted cell is not doubled'}. Fix the quoting (write "" for a quote inside a cell) and upload the file again.`, n));
        }
        if (!header) {
          header = result.data.map((h) => h.trim());
          return;
        }
        batch.push({ row: n, cells: result.data });
        if (batch.length >= size) {
          const full = batch;
          batch = [];
          parser.pause();
          onBatch(full).then(() => parser.resume(), (err) => { parser.abort(); fail(err); });
        }
      },
      complete() {
        if (failed) return;
        if (!header) return fail(new CsvError('The file is empty: it has no header row.', null));
        const h = header;
        onBatch(batch).then(() => resolve({ header: h, rows: n - 1 }), fail);
      },
      error(err) {
        fail(err instanceof CsvError ? err : new CsvError(`The file could not be read: ${err.message}`, null));
      },
    });
  });
}

/** The header and the first rows, for the mapping screen. */
export async function previewCsv(file: string, encoding: CsvEncoding, rows = 5): Promise<{ header: string[]; sample: string[][] }> {
  const sample: string[][] = [];
  const header = await new Promise<string[]>((resolve, reject) => {
    let h: string[] | null = null;
    const input = fs.createReadStream(file, { end: SNIFF_BYTES * 2 });
    const text = input.pipe(decoderStream(encoding)).on('error', reject);
    Papa.parse<string[]>(text as unknown as File, {
      skipEmptyLines: 'greedy',
      step(result, parser) {
        if (!h) h = result.data.map((c) => c.trim());
        else sample.push(result.data);
        if (sample.length >= rows) {
          parser.abort();
        }
      },
      complete() {
        input.destroy();
        if (!h) reject(new CsvError('The file is empty: it has no header row.', null));
        else resolve(h);
      },
      error: (err) => reject(new CsvError(`The file could not be read: ${err.message}`, null)),
    });
  });
  return { header, sample };
}
