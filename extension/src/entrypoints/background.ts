import { startBackground } from '../background/index';

export default defineBackground(() => startBackground());
