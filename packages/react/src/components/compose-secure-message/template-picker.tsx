'use client';
import type { ContactId, Template } from '@confide/core';
import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTemplates } from '../../hooks/use-templates.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { MessageText } from '../message-text.js';
import { useLoadingText } from '../shared/states.js';
import { useTemplatePreview } from './use-template-preview.js';

/** A field of the draft a template fills in. */
export type TemplateField = 'subject' | 'body';

/** Props of the "Insert template" picker. */
export interface TemplatePickerProps {
  readonly messages: ConfideMessages;
  /**
   * The fields that hold text the person wrote, which the template would replace: the picker asks before replacing
   * them (replace, fill in only what is empty, or keep what was written).
   */
  readonly written: readonly TemplateField[];
  /** Inserts the template; `keep` lists the fields whose written text stays. */
  readonly onInsert: (template: Template, keep: readonly TemplateField[]) => void;
  /** Where focus goes once a template is inserted (the message field); without it, back to "Insert template". */
  readonly insertedFocusRef?: RefObject<HTMLElement | null>;
  /**
   * The client the message is for (the draft's `contactId`): the preview fills in their details as inserting the
   * template would. Without one, the client's merge fields stay as typed, as insertion leaves them. @default null
   */
  readonly contactId?: ContactId | null;
}

// The search sits inside the message form: Enter there (an input method committing a word, or a person ending their
// search) must not submit the form, which would send the message.
function keepEnterInSearch(event: KeyboardEvent<HTMLInputElement>) {
  if (event.key === 'Enter') event.preventDefault();
}

/** "Insert template": a searchable list of the firm's templates with a preview before inserting one. */
export function TemplatePicker({
  messages,
  written,
  onInsert,
  insertedFocusRef,
  contactId = null,
}: TemplatePickerProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const use = useRef<HTMLButtonElement>(null);
  // Keeping what was written brings "Use this template" back in place of the question: focus goes back to it.
  const backToUse = useRef(false);
  useEffect(() => {
    if (confirming || !backToUse.current) return;
    backToUse.current = false;
    use.current?.focus();
  }, [confirming]);
  const [query, setQuery] = useState('');
  const [previewId, setPreviewId] = useState<string | null>(null);
  const { templates, status } = useTemplates(query, { enabled: open });
  const loadingText = useLoadingText(messages);
  const preview = templates.find((template) => template.id === previewId) ?? templates[0];
  const previewText = useTemplatePreview(preview, contactId);

  function insert(template: Template, keep: readonly TemplateField[]) {
    onInsert(template, keep);
    setOpen(false);
    (insertedFocusRef?.current ?? toggle.current)?.focus();
  }

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
          {status === 'pending' && <p role="status">{loadingText}</p>}
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
          {previewText && (
            <div className="confide-template-preview">
              <span className="confide-hint">{messages.TEMPLATE_PREVIEW}</span>
              {previewText.status === 'loading' ? (
                <p role="status">{loadingText}</p>
              ) : (
                <>
                  <div className="confide-template-subject" dir="auto">
                    {previewText.subject}
                  </div>
                  <div dir="auto">
                    <MessageText text={previewText.body} />
                  </div>
                </>
              )}
            </div>
          )}
          {confirming && preview ? (
            <ReplaceConfirm
              messages={messages}
              written={written}
              onChoose={(keep) => {
                setConfirming(false);
                if (keep === 'all') backToUse.current = true;
                else insert(preview, keep);
              }}
            />
          ) : (
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
                ref={use}
                type="button"
                className="confide-button confide-button-primary"
                disabled={!preview}
                onClick={() => {
                  if (!preview) return;
                  // Never replace what the person wrote without asking.
                  if (written.length > 0) setConfirming(true);
                  else insert(preview, []);
                }}
              >
                {messages.TEMPLATE_USE}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

/**
 * Asks before a template replaces what the person wrote: replace it, fill in only the empty fields (when there is
 * one), or keep it. Focus starts on keeping it, the choice that loses nothing; Escape keeps it too.
 */
function ReplaceConfirm({
  messages,
  written,
  onChoose,
}: {
  readonly messages: ConfideMessages;
  readonly written: readonly TemplateField[];
  readonly onChoose: (keep: readonly TemplateField[] | 'all') => void;
}) {
  const hasEmpty = written.length < 2;
  return (
    <fieldset
      className="confide-template-confirm"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // The question closes, not the panel or a dialog around the form.
        event.preventDefault();
        event.stopPropagation();
        onChoose('all');
      }}
    >
      <legend className="confide-warning">{messages.TEMPLATE_REPLACE_QUESTION(written)}</legend>
      <div className="confide-compose-actions">
        <button
          type="button"
          className="confide-button"
          // biome-ignore lint/a11y/noAutofocus: the question just appeared in place of the pressed button.
          autoFocus
          onClick={() => onChoose('all')}
        >
          {messages.TEMPLATE_REPLACE_CANCEL}
        </button>
        {hasEmpty && (
          <button type="button" className="confide-button" onClick={() => onChoose(written)}>
            {messages.TEMPLATE_REPLACE_EMPTY_ONLY}
          </button>
        )}
        <button type="button" className="confide-button confide-button-primary" onClick={() => onChoose([])}>
          {messages.TEMPLATE_REPLACE_CONFIRM}
        </button>
      </div>
    </fieldset>
  );
}
