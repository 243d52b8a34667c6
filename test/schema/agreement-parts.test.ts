/** Agreement with the official EndorsementCredential and Profile schemas and the Achievement definition (see agreement.ts). */
import { defineAgreementTests } from './agreement.js';

defineAgreementTests(['EndorsementCredential', 'Profile', 'Achievement']);
