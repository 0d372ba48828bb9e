import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultMessages } from '../../provider/messages.js';
import { axeViolations } from '../../test/setup-client.js';
import { MessageAttachments } from './message-attachments.js';

const EXPLICIT_BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;

function received(name: string) {
  return render(
    <MessageAttachments
      attachments={[{ id: 'att_1', name, size: 2048, mediaType: 'text/plain', state: 'available' }]}
      isMember
      messages={defaultMessages}
      dates={{ locale: 'en-GB', timeZone: 'UTC' }}
      getDownloadUrl={async () => 'https://files.example/download?ticket=t'}
    />,
  );
}

/** What every visible form of the name says: its text, its tooltip and the two halves drawn when it is cut. */
function shownForms(container: HTMLElement): string[] {
  const element = container.querySelector<HTMLElement>('.confide-file-name');
  const halves = [...(element?.querySelectorAll<HTMLElement>('[data-text]') ?? [])];
  return [
    element?.textContent ?? '',
    element?.getAttribute('title') ?? '',
    halves.map((half) => half.dataset.text).join(''),
  ];
}

describe('a received file whose name hides its extension behind bidi controls', () => {
  // Each row: the stored name, which a browser would draw in a disguised order, and the order it is shown in instead.
  it.each([
    ['a right-to-left override (drawn as reporttab.txt)', 'report\u202etxt.bat', 'reporttxt.bat'],
    [
      'an override closed before the end (drawn as invoicepdf.exe)',
      'invoice\u202efdp\u202c.exe',
      'invoicefdp.exe',
    ],
    ['a left-to-right override in Arabic', 'فاتورة\u202dexe.pdf', 'فاتورةexe.pdf'],
    ['a right-to-left embedding', 'scan\u202b 1.js', 'scan 1.js'],
    ['a left-to-right embedding', 'عقد\u202a.pdf.exe', 'عقد.pdf.exe'],
    ['a right-to-left isolate', 'lease\u2067fdp.exe\u2069', 'leasefdp.exe'],
    ['a left-to-right isolate', 'عقد\u2066a.exe\u2069', 'عقدa.exe'],
    ['a first-strong isolate', 'photo\u2068gpj.scr\u2069', 'photogpj.scr'],
    ['an unpaired pop', 'notes\u202c\u2069.txt.cmd', 'notes.txt.cmd'],
  ])('shows a name with %s in its stored order', async (_name, stored, shown) => {
    const { container } = received(stored);
    for (const form of shownForms(container)) {
      expect(form).not.toMatch(EXPLICIT_BIDI_CONTROLS);
      expect(form).toBe(shown);
    }
    expect(screen.getByRole('button', { name: new RegExp(`^Download ${shown}`) })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  it.each([
    ['Arabic with a right-to-left mark', 'عقد الإيجار\u200f (2).pdf'],
    ['Hebrew with a left-to-right mark', 'חוזה\u200e 2026.pdf'],
    ['an Arabic letter mark', 'ملف\u061c1.pdf'],
    ['emoji and combining marks', '👩‍👩‍👧‍👦 Zoë e\u0301.jpeg'],
  ])('keeps a name with %s exactly as stored', (_name, stored) => {
    const { container } = received(stored);
    for (const form of shownForms(container)) expect(form).toBe(stored);
  });
});
