// Types only (the page never loads this file): what app.js's `shop` object holds, which the views and
// panels draw from. The shop's JavaScript refers to it in JSDoc as import('./Shop').Shop.
import type { Item, ProfileSummary, Tastebud } from '../../src/index';
import type { Product } from './catalog.js';
import type { ReportRecord } from './reportsPanel.js';

/** /demo/settings.json: the demo's settings beside the production defaults (demo/settings.mjs). */
export interface DemoSettings {
  server: { dimensions: number; minReports: number; roundSeconds: number; learningRate: number; aggregator: string };
  sdk: { syncIntervalMs: number; clipNorm: number; noiseMultiplier: number };
  crowd: { shoppers: number; taste: string; share: number; noiseMultiplier: number; clipNorm: number };
  production: { minReports: number; roundSeconds: number; learningRate: number; syncIntervalMs: number; clipNorm: number };
}

/** Everything the views and panels draw from. */
export interface Shop {
  products: Product[];
  /** The rail's candidates, bestsellers first. */
  railItems: Item[];
  byId: Map<string, Product>;
  /** The SDK instance, once the async script has started it. */
  tb: Tastebud | null;
  consent: 'granted' | 'denied' | 'pending';
  profile: ProfileSummary | null;
  settings: DemoSettings | null;
  dimensions: number;
  reports: ReportRecord[];
}
