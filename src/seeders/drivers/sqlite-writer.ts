import { enableCompileCache } from '../compile-cache.ts';

// Entry of the SQLite writing thread (sqlite-writer-thread.ts does the work). Node's compile
// cache keeps its modules compiled (and type-stripped) on disk, so the thread is ready sooner
// on later runs; it has to be on before those modules load, hence the dynamic import.
enableCompileCache();
await import('./sqlite-writer-thread.ts');
