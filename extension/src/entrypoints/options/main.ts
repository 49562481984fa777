import { createApp } from 'vue';
import { createPinia } from 'pinia';
import OptionsApp from '../../components/OptionsApp.vue';

createApp(OptionsApp).use(createPinia()).mount('#app');
