import { createApp } from 'vue';
import { createPinia } from 'pinia';
import PopupApp from '../../components/popup/PopupApp.vue';

createApp(PopupApp).use(createPinia()).mount('#app');
