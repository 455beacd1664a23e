import { Stack, Stepper, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { STEPS } from '../lib/wizard-steps.ts';

/** A step's name in the wizard's URL (`?step=datasheet`): its label, in lower case. */
export function stepName(step: number): string {
  return STEPS[step]?.label.toLowerCase() ?? '';
}

/**
 * The step the wizard shows for its URL's `?step=`: the one named, or `openingStep` without a name (or one
 * that is no step of the wizard's), but never past `maxStep`, the furthest the draft can go yet.
 */
export function stepOfUrl(name: string | null, openingStep: number, maxStep: number): number {
  const named = STEPS.findIndex((_, index) => index > 0 && stepName(index) === name);
  return Math.min(named > 0 ? named : openingStep, maxStep);
}

/**
 * The wizard's steps; reachable steps are buttons, so the wizard works from the keyboard. On a phone six
 * labelled steps wrap into four rows above the form: there the steps are numbered circles in one row
 * (each still named for screen readers) with the current step written out beneath. On a laptop beside
 * the navigation, six descriptions push the last step onto a second row: there only the current step
 * keeps its description.
 */
export function WizardSteps({
  active,
  onStep,
  maxStep,
  warnings,
}: {
  active: number;
  onStep?: (step: number) => void;
  maxStep: number;
  /** Steps done but with something left to fix (a pre-score with errors): marked "!", not ticked. */
  warnings?: ReadonlySet<number>;
}) {
  const isNarrow = useMediaQuery('(max-width: 36em)') ?? false;
  const isWide = useMediaQuery('(min-width: 96em)') ?? false;
  const current = STEPS[active];
  return (
    <Stack gap={4}>
      <Stepper
        active={active}
        onStepClick={onStep}
        size="sm"
        wrap={!isNarrow}
        iconSize={isNarrow ? 30 : undefined}
        styles={isNarrow ? { separator: { marginInline: 4, minWidth: 4 } } : undefined}
        aria-label="Submission steps"
        allowNextStepsSelect={false}
      >
        {STEPS.map((step, index) => (
          <Stepper.Step
            key={step.label}
            label={isNarrow ? undefined : step.label}
            description={isNarrow || (!isWide && index !== active) ? undefined : step.description}
            aria-label={isNarrow ? step.label : undefined}
            allowStepSelect={Boolean(onStep) && index <= maxStep && index > 0}
            {...(warnings?.has(index)
              ? {
                  color: 'yellow',
                  completedIcon: (
                    <Text fw={700} c="black" data-testid="step-warning">
                      <span aria-hidden>!</span>
                      <VisuallyHidden>(something to fix)</VisuallyHidden>
                    </Text>
                  ),
                }
              : {})}
          />
        ))}
      </Stepper>
      {isNarrow && current && (
        <Text size="sm" data-testid="current-step">
          Step {active + 1} of {STEPS.length}: <b>{current.label}</b> · {current.description}
        </Text>
      )}
    </Stack>
  );
}
