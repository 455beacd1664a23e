/**
 * What makes two organisation names one, as a person reading a list sees them: case, Unicode forms (NFKC:
 * a full-width "Ａcme" is "Acme") and runs of spaces. Stored as `organisation.name_key`, which is unique;
 * migration 0012 holds a frozen copy.
 */
export function organisationNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
