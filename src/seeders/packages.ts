// A package loaded when first needed (a database driver, faker, jiti, a project's own MikroORM).
// Where a bundle runs as a compiled script with its code cache (compile-cache.ts loadBundle), a
// script cannot import() by itself without an experimental flag: the loader hands it its own
// import() as __seedbedImport. Elsewhere `load` runs: written as a literal import('…') at each call
// site, so that a bundler still sees (and, for the .vsix, includes) the package.

declare const __seedbedImport: ((specifier: string) => Promise<unknown>) | undefined;

export function importPackage<T>(specifier: string, load: () => Promise<T>): Promise<T> {
  return typeof __seedbedImport === 'function' ? (__seedbedImport(specifier) as Promise<T>) : load();
}
