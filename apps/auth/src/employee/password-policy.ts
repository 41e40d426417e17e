/** Moved to the password feature; kept so existing imports keep working. */
export { checkPassword } from '../password/password-policy.js';
