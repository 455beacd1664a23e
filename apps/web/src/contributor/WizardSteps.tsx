import { Stepper } from '@mantine/core';

export const STEPS = [
  { label: 'Request', description: 'What it is for' },
  { label: 'File', description: 'Drop your data' },
  { label: 'Preview', description: 'Columns and labels' },
  { label: 'Datasheet', description: 'Context and provenance' },
  { label: 'Pre-score', description: 'What a buyer would reject' },
  { label: 'Submit', description: 'Score of record' },
] as const;

/** The wizard's steps; reachable steps are buttons, so the wizard works from the keyboard. */
export function WizardSteps({
  active,
  onStep,
  maxStep,
}: {
  active: number;
  onStep?: (step: number) => void;
  maxStep: number;
}) {
  return (
    <Stepper
      active={active}
      onStepClick={onStep}
      size="sm"
      wrap
      aria-label="Submission steps"
      allowNextStepsSelect={false}
    >
      {STEPS.map((step, index) => (
        <Stepper.Step
          key={step.label}
          label={step.label}
          description={step.description}
          allowStepSelect={Boolean(onStep) && index <= maxStep && index > 0}
        />
      ))}
    </Stepper>
  );
}
