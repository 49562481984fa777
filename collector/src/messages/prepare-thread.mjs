// The prepare thread's entry: worker threads do not inherit the main thread's TypeScript loader, so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-thread.ts');
