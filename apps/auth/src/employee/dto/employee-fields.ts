/** Shapes shared by the employee DTOs. */
export const ROLE_NAME_RE = /^[a-z][a-z0-9-]{1,63}$/;
export const PHONE_RE = /^\+?[0-9][0-9 ()-]{3,30}$/;
export const ROLE_NAME_MESSAGE = 'each role must be lower-case letters, digits or -, 2 to 64 characters';
export const PHONE_MESSAGE = 'phone must be digits, spaces, ( ) - and an optional leading +';
