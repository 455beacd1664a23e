/**
 * A label or class name as a person reads it: case and spaces aside ("High ", "high"). Labels that read
 * alike are one class written more than one way: `structure.label-outside-schema` names an undeclared one
 * as a variant, `structure.label-class-variants` declared ones, and the wizard's preview says so first.
 */
export function labelReadAs(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Which of labels that read alike to write them all as: the most frequent written without spaces at its
 * ends, else the most frequent with them taken off. `names` come most frequent first. Suggesting "high "
 * (the most frequent spelling, with a space) told contributors to pad every label.
 */
export function labelToKeep(names: readonly string[]): string {
  return names.find((name) => name === name.trim()) ?? (names[0] ?? '').trim();
}

/**
 * A label in a multilabel row's JSON array: a string without the separators labels are split on
 * (`|`, `;`, `,`), or a number. An array of such is read as the row's labels, by the scan and the wizard.
 */
export function isLabelText(value: unknown): boolean {
  return (typeof value === 'string' && !/[|;,]/.test(value)) || typeof value === 'number';
}
