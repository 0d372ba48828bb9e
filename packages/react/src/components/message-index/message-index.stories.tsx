import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, type Mock, userEvent, waitFor, within } from 'storybook/test';
import {
  confideParameters,
  emptyAccountStory,
  framed,
  loadedOf,
  loadingStory,
  mockOf,
} from '../../stories/confide-story.js';
import { addStoryConversation, characterBox } from '../../stories/fixtures.js';
import { ringInside } from '../../stories/focus-ring.js';
import { MessageIndex } from './message-index.js';

/** The conversation rows (the matter filter's own options left out). */
async function rows(canvasElement: HTMLElement) {
  const listbox = await within(canvasElement).findByRole('listbox');
  return within(listbox).findAllByRole('option');
}

const meta = {
  title: 'Components/MessageIndex',
  component: MessageIndex,
  args: { onOpen: fn() },
  decorators: [framed({ height: 560, display: 'flex', flexDirection: 'column', maxWidth: 560 })],
} satisfies Meta<typeof MessageIndex>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ben's index: newest activity first, unread badges, previews, the matter label. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const options = await rows(canvasElement);
    await expect(options.length).toBeGreaterThan(1);
  },
};

/** Daniel (client) sees only his own conversations. */
export const ClientAudience: Story = {
  parameters: confideParameters({ as: 'daniel' }),
  play: async ({ canvasElement }) => {
    const options = await rows(canvasElement);
    for (const option of options) await expect(option).not.toHaveTextContent('Elena');
  },
};

/** Arrow keys move the highlight; Enter opens the conversation (`onOpen`). */
export const KeyboardNavigation: Story = {
  play: async ({ canvas, canvasElement, args }) => {
    const onOpen = args.onOpen as Mock;
    const listbox = await canvas.findByRole('listbox');
    await rows(canvasElement);
    listbox.focus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect(onOpen).toHaveBeenCalledTimes(1);
    await userEvent.keyboard('{Home}{Enter}');
    await expect(onOpen).toHaveBeenCalledTimes(2);
    await expect(onOpen.mock.calls[1]?.[0]).not.toBe(onOpen.mock.calls[0]?.[0]);
  },
};

/**
 * Tabbing into the list inside a pane that hides its overflow (as the firm app's card does): the list's focus ring is
 * whole, not only its top edge.
 */
export const ListFocusRing: Story = {
  decorators: [framed({ height: 480, display: 'flex', flexDirection: 'column', overflow: 'hidden' })],
  play: async ({ canvas, canvasElement }) => {
    await rows(canvasElement);
    canvas.getByRole('searchbox').focus();
    const listbox = canvas.getByRole('listbox');
    while (document.activeElement !== listbox && canvasElement.contains(document.activeElement))
      await userEvent.tab();
    await expect(listbox).toHaveFocus();
    await expect(listbox.matches(':focus-visible')).toBe(true);
    const pane = listbox.closest<HTMLElement>('[style*="overflow: hidden"]');
    if (!pane) throw new Error('No pane around the list');
    await expect(ringInside(listbox, pane)).toEqual({ left: true, right: true, top: true });
  },
};

/** Searching narrows the list as the reader types. */
export const Search: Story = {
  play: async ({ canvas, canvasElement }) => {
    await rows(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search conversations' }), 'residence');
    await waitFor(() => expect(within(canvas.getByRole('listbox')).getAllByRole('option')).toHaveLength(1));
  },
};

/** "Unread only" and the matter filter narrow the list. */
export const Filters: Story = {
  play: async ({ canvas, canvasElement }) => {
    await rows(canvasElement);
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Matter' }), 'Okafor — work permit');
    await waitFor(async () => expect(await rows(canvasElement)).toHaveLength(1));
    await expect((await rows(canvasElement))[0]).toHaveTextContent('Work permit renewal');
  },
};

/** The first page is on its way. */
export const Loading: Story = loadingStory;

/** An account without conversations. */
export const Empty: Story = emptyAccountStory('No conversations yet.');

/** A search that finds nothing for the matter chosen: the filters that led there stay, with the matter still chosen. */
export const NoResultsKeepFilters: Story = {
  play: async ({ canvas, canvasElement }) => {
    await rows(canvasElement);
    const matter = canvas.getByRole('combobox', { name: 'Matter' });
    const firstMatter = within(matter).getAllByRole('option')[1];
    if (!(firstMatter instanceof HTMLOptionElement)) throw new Error('The demo data has no matter');
    await userEvent.selectOptions(matter, firstMatter.value);
    await userEvent.type(
      canvas.getByRole('searchbox', { name: 'Search conversations' }),
      'nothing like this',
    );
    await canvas.findByText('No conversations match.');
    await expect(canvas.getByRole('combobox', { name: 'Matter' })).toHaveValue(firstMatter.value);
  },
};

/** The server is unavailable (503); "Try again" loads the list once it is back. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  parameters: confideParameters({
    mock: { scenario: { failures: { listConversations: { status: 503, retryAfterSeconds: 1 } } } },
  }),
  play: async ({ canvas, canvasElement, loaded }) => {
    const retry = await canvas.findByRole('button', { name: 'Try again' });
    mockOf(loaded).setScenario({});
    await userEvent.click(retry);
    await expect((await rows(canvasElement)).length).toBeGreaterThan(0);
  },
};

/** 10,000 conversations, virtualized. */
export const Long: Story = {
  parameters: confideParameters({
    setup: async (mock) => {
      await mock.addConversations({ count: 10_000 });
      return {};
    },
  }),
  play: async ({ canvasElement }) => {
    const options = await rows(canvasElement);
    await expect(options.length).toBeLessThan(200);
    await expect(options[0]).toHaveTextContent('#10000');
  },
};

/**
 * The highlighted conversation stays rendered when the reader scrolls far away from it, so the listbox's
 * `aria-activedescendant` always names an element and Enter opens the conversation it names.
 */
export const HighlightScrolledAway: Story = {
  parameters: confideParameters({
    setup: async (mock) => {
      await mock.addConversations({ count: 300 });
      return {};
    },
  }),
  play: async ({ canvas, canvasElement, args }) => {
    const onOpen = args.onOpen as Mock;
    const listbox = await canvas.findByRole('listbox');
    await rows(canvasElement);
    listbox.focus();
    await userEvent.keyboard('{ArrowDown}');
    const highlighted = listbox.getAttribute('aria-activedescendant') ?? '';
    await expect(document.getElementById(highlighted)).toHaveAttribute('aria-posinset', '2');
    // Scroll (as a wheel would, without moving the highlight) until the window no longer holds the first rows.
    await waitFor(() => {
      listbox.scrollTop = listbox.scrollHeight;
      listbox.dispatchEvent(new Event('scroll'));
      expect(listbox.querySelector('[aria-posinset="3"]')).toBeNull();
    });
    await expect(listbox.getAttribute('aria-activedescendant')).toBe(highlighted);
    await expect(document.getElementById(highlighted)).toHaveAttribute('role', 'option');
    await userEvent.keyboard('{Enter}');
    await expect(highlighted.endsWith(`-${onOpen.mock.lastCall?.[0]}`)).toBe(true);
  },
};

/** The device is offline. */
export const Offline: Story = {
  parameters: confideParameters({ online: false }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/You are offline/)).toBeInTheDocument();
  },
};

/** Offline, Daniel starts a conversation: it waits above his list as "Sending…" until he is back online. */
export const NotSentYet: Story = {
  parameters: confideParameters({ as: 'daniel', online: false }),
  play: async ({ canvas, canvasElement, loaded }) => {
    await rows(canvasElement);
    const { client } = loadedOf(loaded);
    const composer = client.composer({ draftId: 'story' });
    composer.setSubject('Question about my interview');
    composer.setBody('Can I bring a translator?');
    void composer.send().catch(() => {});
    const pending = await canvas.findByRole('list', { name: 'Not sent yet' });
    const row = await within(pending).findByRole('listitem');
    await expect(row).toHaveTextContent('Question about my interview');
    await expect(row).toHaveTextContent('Sending…');
  },
};

/** Strings replaced for this component only. */
export const Overrides: Story = {
  args: { overrides: { INDEX_SEARCH: 'Find a matter or client', INDEX_FILTER_UNREAD: 'Needs reply' } },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('searchbox', { name: 'Find a matter or client' }),
    ).toBeInTheDocument();
  },
};

const LONG_SUBJECTS = [
  'בקשה לאשרת עבודה: המסמכים שנשלחו, המכתב מהמעסיק והטפסים החתומים לתיק',
  'طلب تأشيرة عمل: المستندات المرسلة ورسالة صاحب العمل والنماذج الموقعة للملف',
  'درخواست ویزای کار: مدارک ارسال شده، نامه کارفرما و فرم های امضا شده پرونده',
];

/** Long right-to-left subjects and previews: each takes its own direction, so a truncated one shows its beginning. */
export const RightToLeftContent: Story = {
  parameters: confideParameters({
    setup: async (mock) => {
      for (const subject of LONG_SUBJECTS)
        await addStoryConversation(mock, { subject, messages: [{ from: 'client', body: subject }] });
      return {};
    },
  }),
  play: async ({ canvas }) => {
    for (const subject of LONG_SUBJECTS) {
      const [element] = (await canvas.findAllByText(subject)).filter((candidate) =>
        candidate.classList.contains('confide-index-subject'),
      );
      if (!element) throw new Error(`No subject ${subject}`);
      await expect(getComputedStyle(element).direction).toBe('rtl');
      await expect(element.scrollWidth).toBeGreaterThan(element.clientWidth);
      // The first character is inside the visible box (at its right edge); the end is what the ellipsis hides.
      const first = characterBox(element, 0);
      const box = element.getBoundingClientRect();
      await expect(first.right).toBeLessThanOrEqual(box.right + 1);
      await expect(first.left).toBeGreaterThanOrEqual(box.left - 1);
    }
  },
};

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Right-to-left layout. */
export const RightToLeft: Story = { globals: { locale: 'ar-EG' } };

/** Without the kit's stylesheet: the bare parts a host styles through their class names and `data-*` states. */
export const Unstyled: Story = { globals: { stylesheet: 'none' } };
