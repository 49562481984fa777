import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { i18n } from '#i18n';
import { localizePage } from '../../i18n/localize-page';
import PopupApp from '../../components/popup/PopupApp.vue';

localizePage(i18n.t('extName'));
createApp(PopupApp).use(createPinia()).mount('#app');
