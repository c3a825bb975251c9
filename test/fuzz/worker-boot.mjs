// Worker entry: Node 20 loads a worker's main module before `--import` hooks apply, so the
// TypeScript worker is imported after registering tsx here.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
