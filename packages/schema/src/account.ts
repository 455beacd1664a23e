// No zod here: the web app's sign-in page imports this module alone (`@assay/schema/account`), so its
// first load does not carry zod and every schema of the package's index.

/**
 * The most characters an account's name may have. Names are shown in operators' tables and in reviewers'
 * member lists; a longer one is refused at sign-up and on any change (the server's better-auth hooks).
 */
export const ACCOUNT_NAME_MAX_LENGTH = 100;

/** The message for a name over {@link ACCOUNT_NAME_MAX_LENGTH}: the server's refusal and the forms say it. */
export const ACCOUNT_NAME_TOO_LONG_MESSAGE = `Use a name of at most ${ACCOUNT_NAME_MAX_LENGTH} characters`;
