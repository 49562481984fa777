import { startComposers } from '../features/start-composers';
import { espAdapter } from '../hosts/esp/adapter';

export default defineContentScript({
  // Registered at runtime for the ESP sites the user enabled (background/esp-sites.ts), never in the manifest.
  registration: 'runtime',
  matches: [],
  // The composer UI's styles come from the background (features/mount-ui.ts): nothing is web-accessible.
  cssInjectionMode: 'manual',
  main: (ctx) => startComposers(ctx, espAdapter),
});
