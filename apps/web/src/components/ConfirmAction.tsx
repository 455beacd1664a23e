import { Button, type ButtonProps, Group, Text } from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';

/**
 * A button for an act that cannot be undone (withdrawing a version, closing a request): the first click
 * asks, in place, what will happen; only the second does it. No modal, so the question sits where the
 * eye already is and the keyboard focus stays in the page: on Cancel, which Escape presses too.
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
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  // Set when the question closes without acting, so the button it gave way to takes the focus back.
  const isReturningFocus = useRef(false);
  // The question replaces the button that had the focus. Cancel takes it over, as for any dialog about
  // an act that cannot be undone: a second Enter or Space, pressed out of habit, must not do the act.
  useEffect(() => {
    if (isAsking) cancelRef.current?.focus();
    else if (isReturningFocus.current) {
      isReturningFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [isAsking]);
  const cancel = () => {
    isReturningFocus.current = true;
    setIsAsking(false);
  };
  if (!isAsking) {
    return (
      <Button
        variant="default"
        color={color}
        onClick={() => setIsAsking(true)}
        disabled={disabled}
        loading={loading}
        ref={triggerRef}
      >
        {label}
      </Button>
    );
  }
  return (
    <Group
      gap="xs"
      role="group"
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          cancel();
        }
      }}
    >
      <Text size="sm" id={questionId}>
        {question}
      </Text>
      <Button
        color={color}
        onClick={() => {
          onConfirm();
          setIsAsking(false);
        }}
        aria-describedby={questionId}
      >
        {confirmLabel}
      </Button>
      <Button variant="subtle" onClick={cancel} ref={cancelRef} aria-describedby={questionId}>
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
