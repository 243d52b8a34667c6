/** Agreement with the official AchievementCredential schemas (see agreement.ts). */
import { defineAgreementTests } from './agreement.js';

defineAgreementTests(['AchievementCredential']);
