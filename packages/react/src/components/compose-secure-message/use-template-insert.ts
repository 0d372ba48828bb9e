'use client';
import type { Template } from '@confide/core';
import { useRef } from 'react';
import type { UseComposerResult } from '../../hooks/use-composer.js';
import type { TemplateField } from './template-picker.js';

type TypedText = Partial<Record<TemplateField, string>>;

/** Whether `text` counts as written: whitespace alone is nothing a template may not fill. */
const isWritten = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

/**
 * Inserts a template without ever losing what the person wrote. The template's text arrives a moment later (the
 * client's details for its merge fields may still be loading), and the person may type meanwhile: `typed` records
 * each edit they make, and when the template lands, every field written since it was chosen keeps its newest
 * text, as if they had answered "Keep what I wrote" for it; a field they kept when asked keeps its newest text
 * too. The template fills only the rest.
 */
export function useTemplateInsert(composer: UseComposerResult) {
  // One record per insert still on its way (a second one may start before the first lands).
  const pending = useRef(new Set<TypedText>());

  function typed(field: TemplateField, text: string) {
    for (const edits of pending.current) edits[field] = text;
  }

  async function insert(template: Template, keep: readonly TemplateField[]) {
    const chosen: Record<TemplateField, string> = {
      subject: composer.draft.subject,
      body: composer.draft.body,
    };
    const edits: TypedText = {};
    pending.current.add(edits);
    try {
      await composer.importTemplate(template);
    } finally {
      pending.current.delete(edits);
    }
    const newest = (field: TemplateField) => {
      if (field in edits) return isWritten(edits[field]) ? edits[field] : undefined;
      return keep.includes(field) ? chosen[field] : undefined;
    };
    const subject = newest('subject');
    const body = newest('body');
    if (subject !== undefined) composer.setSubject(subject);
    if (body !== undefined) composer.setBody(body);
  }

  return { insert, typed };
}
