/**
 * A label or class name as a person reads it: case and spaces aside ("High ", "high"). Labels that read
 * alike are one class written more than one way: `structure.label-outside-schema` names an undeclared one
 * as a variant, `structure.label-class-variants` declared ones, and the wizard's preview says so first.
 */
export function labelReadAs(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, ' ');
}
