// A recompute worker thread's entry: the app runs from its TypeScript sources through tsx (no
// build step), and a worker thread does not inherit the loader, so it registers it, then loads
// the worker (worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
