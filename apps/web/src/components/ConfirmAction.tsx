import { Button, type ButtonProps, Group, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

/**
 * A button for an act that cannot be undone (withdrawing a version, closing a request): the first click
 * asks, in place, what will happen; only the second does it. No modal, so the question sits where the
 * eye already is and the keyboard focus stays in the page.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel = label,
  onConfirm,
  loading,
  disabled,
  color = 'red',
}: {
  label: string;
  question: string;
  confirmLabel?: string;
  onConfirm: () => void;
  loading?: boolean;
  disabled?: boolean;
  color?: ButtonProps['color'];
}) {
  const [isAsking, setIsAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The question replaces the button that had the focus: the confirming button takes it over.
  useEffect(() => {
    if (isAsking) confirmRef.current?.focus();
  }, [isAsking]);
  if (!isAsking) {
    return (
      <Button
        variant="default"
        color={color}
        onClick={() => setIsAsking(true)}
        disabled={disabled}
        loading={loading}
      >
        {label}
      </Button>
    );
  }
  return (
    <Group gap="xs" role="group" aria-label={label}>
      <Text size="sm">{question}</Text>
      <Button
        color={color}
        onClick={() => {
          onConfirm();
          setIsAsking(false);
        }}
        ref={confirmRef}
      >
        {confirmLabel}
      </Button>
      <Button variant="subtle" onClick={() => setIsAsking(false)}>
        Cancel
      </Button>
    </Group>
  );
}

/** Discarding a draft version (withdrawing it before it is submitted), worded the same wherever it is offered. */
export function DiscardDraftAction({
  versionNumber,
  onConfirm,
  loading,
}: {
  versionNumber: number;
  onConfirm: () => void;
  loading?: boolean;
}) {
  return (
    <ConfirmAction
      label="Discard the draft"
      question={`Discard version ${versionNumber}? It will not be submitted.`}
      confirmLabel="Discard"
      onConfirm={onConfirm}
      {...(loading === undefined ? {} : { loading })}
    />
  );
}
