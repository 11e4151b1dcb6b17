// seedbed.config.ts support: find, load (jiti), validate against the live schema, resolve a
// scenario into engine options, and write a starter config + schema types (`seedbed init`).

export { CONFIG_FILES, findConfig, loadConfig, loadProjectConfig, loadResolved, seedbedModule, type LoadedConfig } from './load.ts';
export { validateConfig } from './validate.ts';
export { resolveScenario, scenarioNames, type ConfigOptions, type ConfigSource, type ResolveFlags, type ResolvedConfig, type ResolvedTable } from './resolve.ts';
export { ConfigError, displayPath } from './error.ts';
export { defineConfig } from './types.ts';
export type * from './types.ts';
export {
  checkConfigNames, configRunOptions, initFolder, loadCheckedConfig, locateProjectConfig, planTargets, resolveProjectConfig, scenarioSummaries,
  type ProjectConfigRef, type ScenarioSummary,
} from './run-options.ts';
