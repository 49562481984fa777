import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { i18n } from '#i18n';
import { localizePage } from '../../i18n/localize-page';
import OptionsApp from '../../components/OptionsApp.vue';

localizePage(i18n.t('options.title'));
createApp(OptionsApp).use(createPinia()).mount('#app');
