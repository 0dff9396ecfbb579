// Exploration helper for choosing defaults: `tsx bench/qualityGrid.ts --stride 8 '<json list of EngineOptions>'`.
// Prints one line per configuration; bench/quality.ts is the published measurement.
import type { EngineOptions } from 'tastebud/engine';
import { loadOnlineRetail } from './lib/onlineRetail';
import { createContext, replay } from './lib/replayRetail';
import { engineMethod } from './lib/retailMethods';

const stride = Number(process.argv[process.argv.indexOf('--stride') + 1]) || 8;
const configs = JSON.parse(process.argv.at(-1) ?? '[]') as EngineOptions[];
const data = loadOnlineRetail(process.env.RETAIL_DIR ?? '../shared/data/uci-online-retail');
const context = createContext(data);
for (const config of configs) {
  const r = await replay(data, [await engineMethod('engine', context, config)], {
    negatives: 100,
    k: 10,
    seed: 20261128,
    customerStride: stride,
  });
  const e = r.engine as NonNullable<typeof r.engine>;
  console.log(JSON.stringify(config), e.hitAtK.toFixed(4), e.ndcgAtK.toFixed(4), e.evaluated);
}
