// The script-tag build (dist/tastebud.iife.js): sets window.Tastebud, drains the snippet queue
// `window.tastebud` and keeps `tastebud.push` working after load (CONTRACT §3).
import { createTastebud } from './createTastebud';
import type { Tastebud, TastebudOptions } from './types';

type Command = [string, ...unknown[]];
interface TastebudGlobal {
  createTastebud: typeof createTastebud;
  /** The instance the snippet's `init` created, once it exists. */
  instance: Tastebud | null;
}

// The worker is found beside this script: in this build rollup turns `import.meta.url` (used by
// createTastebud) into this script's `document.currentScript.src`, read while it runs.
const global: TastebudGlobal = { createTastebud, instance: null };
const scope = window as unknown as { Tastebud: TastebudGlobal; tastebud?: unknown };
scope.Tastebud = global;

const queued = Array.isArray(scope.tastebud) ? (scope.tastebud as Command[]) : [];
let ready: Promise<Tastebud | null> = Promise.resolve(null);
scope.tastebud = { push: (...commands: Command[]) => commands.forEach(run) };
queued.forEach(run);

/** Runs one snippet command in order: `['init', options]`, then `[method, ...args]` on the instance. */
function run(command: Command): void {
  const [name, ...args] = Array.isArray(command) ? command : [];
  ready = ready.then(async (instance) => {
    try {
      if (name === 'init') {
        if (instance) return instance;
        global.instance = await global.createTastebud((args[0] ?? {}) as TastebudOptions);
        return global.instance;
      }
      const method = instance && (instance as unknown as Record<string, unknown>)[String(name)];
      if (typeof method !== 'function')
        console.warn(`[tastebud] ignored ${String(name)}: ${instance ? 'unknown command' : 'no init first'}`);
      else await method.apply(instance, args);
    } catch (error) {
      console.warn(`[tastebud] ${name} failed:`, error);
    }
    return instance;
  });
}
