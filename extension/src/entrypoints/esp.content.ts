import { startComposers } from '../features/start-composers';

export default defineContentScript({
  // Registered at runtime for the ESP sites the user enabled (background/esp-sites.ts), never in the manifest.
  registration: 'runtime',
  matches: [],
  cssInjectionMode: 'ui',
  main: (ctx) => startComposers(ctx),
});
