/**
 * Whether a database error is a unique constraint refusing a row: the last word when two requests pass
 * the same "is it taken?" check at the same moment. better-sqlite3 and pg name it differently.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
