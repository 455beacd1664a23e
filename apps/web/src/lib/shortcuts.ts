import { type HotkeyItem, useHotkeys } from '@mantine/hooks';

/** Input types a person types text into; a letter pressed there is text, not a shortcut. */
const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** Whether a key pressed in `target` types text (text fields, text areas, selects, editable content). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/**
 * Page-wide keyboard shortcuts that also work while a checkbox, radio or button has the focus (Mantine's
 * `useHotkeys` ignores every INPUT, so ticking a reason with Space would switch the shortcuts off), and
 * never fire while the person is typing text.
 */
export function useShortcuts(shortcuts: [string, () => void][]): void {
  useHotkeys(
    shortcuts.map(
      ([hotkey, handler]): HotkeyItem => [
        hotkey,
        (event) => {
          if (isTextEntry(event.target)) return;
          event.preventDefault();
          handler();
        },
        { preventDefault: false },
      ],
    ),
    [],
  );
}
