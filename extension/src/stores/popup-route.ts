import { defineStore } from 'pinia';
import { ref } from 'vue';
import { parseRoute, routeHash, type Route } from '../popup/route';

/** Which popup view is showing; the hash is the source of truth so links and the back button work. */
export const usePopupRouteStore = defineStore('popup-route', () => {
  const current = ref<Route>(parseRoute(location.hash));
  window.addEventListener('hashchange', () => (current.value = parseRoute(location.hash)));

  function go(route: Route) {
    current.value = route;
    const hash = routeHash(route);
    if (location.hash !== hash) location.hash = hash;
  }

  return { current, go };
});
