/**
 * A download's file name, without its extension: the dataset's title as a slug, and its version
 * (`customer-support-tickets-labeled-by-urgency-v1`), which a buyer finds again among their downloads
 * (`assay-<version id>` said nothing); `assay-<version id>` when the title has no letter or digit that
 * stays one in ASCII. At most 60 characters of title: a file name, not a description.
 */
export function downloadBaseName(title: string, versionNumber: number, versionId: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off their letters: "Données" → "donnees"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? `assay-${versionId}` : `${slug}-v${versionNumber}`;
}
