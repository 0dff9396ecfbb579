// Loads the UCI Online Retail purchase log (../shared/data/uci-online-retail) as clean purchase lines
// and a catalogue of items with features derived from the data, as docs/quality.md describes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Item } from 'tastebud/engine';

/** One clean purchase line. */
export interface Purchase {
  invoice: string;
  stockCode: string;
  customer: string;
  ts: number;
  quantity: number;
}

export interface RetailData {
  purchases: Purchase[];
  /** StockCode → item with derived features (from the code's first appearance in the log). */
  catalog: Map<string, Item>;
}

/** Words that name no product property. */
const STOPWORDS = new Set(['of', 'the', 'and', 'in', 'with', 'for', 'set', 'to', 'a', 'on', 'de', 'la']);

/**
 * Reads every monthly file and keeps the lines a shop would learn from: a customer id, not a
 * cancellation (`C` invoice), quantity > 0, price > 0, and a product StockCode (codes that start with a
 * digit; POST, DOT, M, BANK CHARGES, gift vouchers… are not products).
 * @param dir - the data folder.
 */
export function loadOnlineRetail(dir: string): RetailData {
  const purchases: Purchase[] = [];
  const catalog = new Map<string, Item>();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv.gz'))
    .sort();
  if (files.length === 0) throw new Error(`no online_retail_*.csv.gz files in ${dir}`);
  for (const file of files) {
    const lines = gunzipSync(readFileSync(join(dir, file)))
      .toString('utf8')
      .split('\n');
    for (let n = 1; n < lines.length; n++) {
      const line = lines[n];
      if (!line) continue;
      const [invoice, stockCode, description, quantity, date, unitPrice, customer] = parseCsvLine(line);
      const q = Number(quantity);
      const price = Number(unitPrice);
      if (!customer || !invoice || invoice.startsWith('C') || !(q > 0) || !(price > 0)) continue;
      if (!stockCode || !/^[0-9]/.test(stockCode)) continue;
      purchases.push({ invoice, stockCode, customer, ts: Date.parse(`${date}Z`), quantity: q });
      if (!catalog.has(stockCode)) catalog.set(stockCode, deriveItem(stockCode, description ?? '', price));
    }
  }
  purchases.sort((a, b) => a.ts - b.ts || (a.invoice < b.invoice ? -1 : a.invoice > b.invoice ? 1 : 0));
  return { purchases, catalog };
}

/**
 * The data has no category or brand. Derived honestly from the description: its words become
 * tags, and its last word, which names the product type in this shop's naming ("… T-LIGHT HOLDER",
 * "… LUNCH BAG"), becomes the category, with the last two words as a subcategory.
 */
export function deriveItem(stockCode: string, description: string, price: number): Item {
  const words = description
    .toLowerCase()
    .split(/[^a-z0-9'-]+/)
    .filter((w) => w.length >= 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
  const item: Item = { id: stockCode, price, tags: [...new Set(words)] };
  const type = words.at(-1);
  if (type) item.category = words.length >= 2 ? `${type}/${words.at(-2)} ${type}` : type;
  return item;
}

/** Splits one RFC-4180 line with minimal quoting (the files have no newlines inside fields). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}
