'use client';
import type { Contact, ContactId, RecipientOptions, UnavailableReason } from '@confide/core';
import { type KeyboardEvent, useId, useState } from 'react';
import { isComposingKey } from '../../lib/ime.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { useLoadingText } from '../shared/states.js';

/** Props of the recipient combobox. */
export interface RecipientPickerProps {
  readonly recipients: RecipientOptions | null;
  readonly selected: ContactId | null;
  readonly messages: ConfideMessages;
  readonly error: string | undefined;
  readonly onSearch: (query: string) => void;
  readonly onSelect: (contactId: ContactId) => void;
}

interface Choice {
  readonly contact: Contact;
  readonly reason: UnavailableReason | null;
}

/**
 * A combobox with a listbox of the firm's clients (WAI-ARIA combobox pattern): typing searches, arrow keys move,
 * Enter picks. Clients whose portal is not active are listed, disabled, with the reason.
 */
export function RecipientPicker({
  recipients,
  selected,
  messages,
  error,
  onSearch,
  onSelect,
}: RecipientPickerProps) {
  const id = useId();
  const loadingText = useLoadingText(messages);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [highlighted, setHighlighted] = useState(0);
  const choices: Choice[] = [
    ...(recipients?.selectable ?? []).map((contact) => ({ contact, reason: null })),
    ...(recipients?.unavailable ?? []).map(({ contact, reason }) => ({ contact, reason })),
  ];
  const chosen = choices.find((choice) => choice.contact.id === selected)?.contact;
  const current = Math.min(highlighted, Math.max(0, choices.length - 1));

  function search(value: string) {
    setQuery(value);
    setOpen(true);
    setHighlighted(0);
    onSearch(value);
  }
  function pick(choice: Choice | undefined) {
    if (!choice || choice.reason) return;
    onSelect(choice.contact.id);
    setOpen(false);
    setQuery('');
    onSearch('');
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Keys that drive an input method's candidate window (Enter commits, arrows choose) belong to it, not the list.
    if (isComposingKey(event)) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlighted(open ? (current + step + choices.length) % Math.max(1, choices.length) : 0);
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      pick(choices[current]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  const listId = `${id}-list`;
  return (
    <div className="confide-field confide-combobox">
      <label className="confide-label" htmlFor={`${id}-input`}>
        {messages.COMPOSER_CONTACT_LABEL}
      </label>
      <input
        id={`${id}-input`}
        className="confide-input"
        role="combobox"
        aria-expanded={open && choices.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && choices.length > 0 ? `${id}-option-${current}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
        dir="auto"
        placeholder={messages.COMPOSER_CONTACT_PLACEHOLDER}
        value={open ? query : (chosen?.name ?? query)}
        onChange={(event) => search(event.currentTarget.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <span id={`${id}-error`} className="confide-field-error">
          {error}
        </span>
      )}
      {/* A listbox holds options only: what stands in for them (loading, none found) is said beside it. */}
      {open && choices.length === 0 && (
        <div className="confide-listbox confide-hint" role="status">
          {recipients === null ? loadingText : messages.COMPOSER_CONTACT_EMPTY}
        </div>
      )}
      <div
        id={listId}
        role="listbox"
        className="confide-listbox"
        hidden={!open || choices.length === 0}
        aria-label={messages.COMPOSER_CONTACT_LABEL}
      >
        {choices.map((choice, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard (aria-activedescendant).
          <div
            key={choice.contact.id}
            tabIndex={-1}
            id={`${id}-option-${index}`}
            role="option"
            className="confide-option"
            aria-selected={choice.contact.id === selected}
            aria-disabled={choice.reason ? true : undefined}
            data-disabled={choice.reason ? '' : undefined}
            data-highlighted={index === current ? '' : undefined}
            // Keep focus in the input: picking with the mouse must not blur (and close) the list first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(choice)}
          >
            <bdi>{choice.contact.name}</bdi>
            <span className="confide-hint">
              {choice.reason ? messages.RECIPIENT_UNAVAILABLE(choice.reason) : choice.contact.email}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
