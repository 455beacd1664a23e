/**
 * The submission wizard's steps, by index: the wizard draws them (WizardSteps) and its telemetry records
 * the index (`field.edited`, `draft.abandoned`), which the operators' Activity page names.
 */
export const STEPS = [
  { label: 'Request', description: 'What it is for' },
  { label: 'File', description: 'Drop your data' },
  { label: 'Preview', description: 'Columns and labels' },
  { label: 'Datasheet', description: 'Context and provenance' },
  { label: 'Pre-score', description: 'What a buyer would reject' },
  { label: 'Submit', description: 'Score of record' },
] as const;
