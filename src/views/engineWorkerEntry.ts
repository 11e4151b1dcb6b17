import { enableCompileCache } from '../seeders/compile-cache.ts';

// Entry of the editor's engine thread (bundled to dist/vsix/engine-worker.mjs): Node's compile
// cache first (in the user's own cache directory, as the CLI has it), so the engine's code loads
// compiled from the second session on; then the thread itself (engineWorker.ts), imported after
// so that its modules load under the cache.
enableCompileCache();
await import('./engineWorker.ts');
