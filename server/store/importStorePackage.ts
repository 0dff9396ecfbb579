/** Which optional peer package a store needs, for {@link importStorePackage}. */
export interface StorePackage {
  /** The package, as `import` names it. */
  name: string;
  /** The store that needs it, for the message. */
  store: string;
  /** What to install, when the peer range differs from `latest` (e.g. `better-sqlite3@12`). @default name */
  install?: string;
}

/**
 * Imports a store's optional peer package (`pg`, `better-sqlite3`) when that store is opened, so a user
 * who installed only the other one can still import `tastebud/server` and run the CLI.
 * @param needed - the package and the store that needs it.
 * @param load - the literal `import('…')`, so bundlers and the compiler see the specifier.
 * @returns the module.
 * @throws Error "the postgres store needs the pg package: npm install pg" when the package is not
 *   installed (the resolution error is its `cause`); any other failure, e.g. a native binding that does
 *   not load, as it came.
 */
export async function importStorePackage<T>(needed: StorePackage, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isMissingPackage(error, needed.name)) throw error;
    throw new Error(`the ${needed.store} store needs the ${needed.name} package: npm install ${needed.install ?? needed.name}`, {
      cause: error,
    });
  }
}

/** Node says `Cannot find package 'pg' imported from …` (ERR_MODULE_NOT_FOUND); vite's runner says it alike. */
function isMissingPackage(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  const named = error.message.includes(`'${name}'`) || error.message.includes(`"${name}"`);
  return named && (code === 'ERR_MODULE_NOT_FOUND' || /cannot find (package|module)/i.test(error.message));
}
