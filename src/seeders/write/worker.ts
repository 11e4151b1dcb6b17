import { enableCompileCache } from '../compile-cache.ts';

// Entry of the generator thread (generator-thread.ts does the work). Node's compile cache keeps
// the compiled (and type-stripped) modules on disk, so later runs start the thread ≈2x faster;
// it has to be switched on before those modules load, hence the dynamic import.
enableCompileCache();
await import('./generator-thread.ts');
