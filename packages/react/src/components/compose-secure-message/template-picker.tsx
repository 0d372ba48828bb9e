'use client';
import type { Template } from '@confide/core';
import { type KeyboardEvent, type RefObject, useId, useRef, useState } from 'react';
import { useTemplates } from '../../hooks/use-templates.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { MessageText } from '../message-text.js';

/** Props of the "Insert template" picker. */
export interface TemplatePickerProps {
  readonly messages: ConfideMessages;
  readonly onInsert: (template: Template) => void;
  /** Where focus goes once a template is inserted (the message field); without it, back to "Insert template". */
  readonly insertedFocusRef?: RefObject<HTMLElement | null>;
}

// The search sits inside the message form: Enter there (an input method committing a word, or a person ending their
// search) must not submit the form, which would send the message.
function keepEnterInSearch(event: KeyboardEvent<HTMLInputElement>) {
  if (event.key === 'Enter') event.preventDefault();
}

/** "Insert template": a searchable list of the firm's templates with a preview before inserting one. */
export function TemplatePicker({ messages, onInsert, insertedFocusRef }: TemplatePickerProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const [query, setQuery] = useState('');
  const [previewId, setPreviewId] = useState<string | null>(null);
  const { templates, status } = useTemplates(query, { enabled: open });
  const preview = templates.find((template) => template.id === previewId) ?? templates[0];

  return (
    <div className="confide-template-picker">
      <button
        ref={toggle}
        type="button"
        className="confide-button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((value) => !value)}
      >
        {messages.TEMPLATE_INSERT}
      </button>
      {open && (
        <section id={`${id}-panel`} className="confide-templates" aria-label={messages.TEMPLATE_INSERT}>
          <input
            type="search"
            className="confide-input"
            aria-label={messages.TEMPLATE_SEARCH}
            placeholder={messages.TEMPLATE_SEARCH}
            dir="auto"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={keepEnterInSearch}
          />
          {status === 'pending' && <p role="status">{messages.LOADING}</p>}
          {status === 'success' && templates.length === 0 && <p>{messages.TEMPLATE_EMPTY}</p>}
          {templates.length > 0 && (
            <fieldset className="confide-template-list">
              <legend className="confide-visually-hidden">{messages.TEMPLATE_INSERT}</legend>
              {templates.map((template) => (
                <label key={template.id} className="confide-checkbox">
                  <input
                    type="radio"
                    name={`${id}-template`}
                    checked={template.id === preview?.id}
                    onChange={() => setPreviewId(template.id)}
                  />
                  <bdi>{template.name}</bdi>
                </label>
              ))}
            </fieldset>
          )}
          {preview && (
            <div className="confide-template-preview">
              <span className="confide-hint">{messages.TEMPLATE_PREVIEW}</span>
              <div className="confide-template-subject" dir="auto">
                {preview.subject}
              </div>
              <div dir="auto">
                <MessageText text={preview.body} />
              </div>
            </div>
          )}
          <div className="confide-compose-actions">
            <button
              type="button"
              className="confide-button confide-button-quiet"
              onClick={() => {
                // The pressed button leaves the page with the panel: focus would fall to <body>.
                setOpen(false);
                toggle.current?.focus();
              }}
            >
              {messages.TEMPLATE_CLOSE}
            </button>
            <button
              type="button"
              className="confide-button confide-button-primary"
              disabled={!preview}
              onClick={() => {
                if (!preview) return;
                onInsert(preview);
                setOpen(false);
                (insertedFocusRef?.current ?? toggle.current)?.focus();
              }}
            >
              {messages.TEMPLATE_USE}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
