/** The global the sync chunk sets: a classic script (importScripts) and a module (import()) can both set it. */
export const SYNC_MODULE_GLOBAL = '__tastebudSync';
