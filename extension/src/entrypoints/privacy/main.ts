import { createApp } from 'vue';
import { i18n } from '#i18n';
import { localizePage } from '../../i18n/localize-page';
import PrivacyPolicy from '../../components/PrivacyPolicy.vue';

localizePage(i18n.t('privacy.title'));
createApp(PrivacyPolicy).mount('#app');
