'use client';
import type { ConversationId, ConversationSummary, Matter } from '@confide/core';
import {
  forwardRef,
  type HTMLAttributes,
  type KeyboardEvent,
  useEffect,
  useId,
  useMemo,
  useState,
} from 'react';
import { useConfideClient } from '../../hooks/use-client.js';
import { useConversations } from '../../hooks/use-conversations.js';
import { useMessages } from '../../hooks/use-messages.js';
import { useViewer } from '../../hooks/use-viewer.js';
import { cx } from '../../lib/class-names.js';
import { useToday } from '../../lib/use-today.js';
import { useVirtualList } from '../../lib/use-virtual-list.js';
import { MessageIndex as Index } from '../../primitives/message-index/message-index.js';
import { useConfideContext } from '../../provider/use-confide-context.js';
import type { StyledComponentProps } from '../shared/part-props.js';
import { useSlots } from '../shared/slots.js';
import { ErrorState, OfflineBanner, Skeleton } from '../shared/states.js';
import { ConversationItem, type IndexRowContext, type MessageIndexPart } from './conversation-item.js';
import { PendingConversations } from './pending-conversations.js';
import { useHighlight } from './use-highlight.js';

/** Props of `MessageIndex`. */
export interface MessageIndexProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'defaultValue'>,
    StyledComponentProps<MessageIndexPart> {
  /** Called when the viewer opens a conversation (click or Enter), so the host can route to it. */
  readonly onOpen?: (conversationId: ConversationId) => void;
  /** The selected conversation, when the host owns the selection (its router, say). */
  readonly value?: ConversationId | null;
  /** The conversation selected at first, when the component owns the selection. @default the client's selection */
  readonly defaultValue?: ConversationId | null;
  /** Called with the conversation the viewer selects (click or Enter). */
  readonly onValueChange?: (conversationId: ConversationId) => void;
  /** Matters to offer in the filter. @default the matters of every list of conversations loaded since mount */
  readonly matters?: readonly Matter[];
}

/** A row's estimated height before it is measured, in pixels. */
const ESTIMATED_ROW_HEIGHT_PX = 84;
/** Rows rendered before the list has a size (server render). */
const INITIAL_ROWS = 30;
/** How long typing must pause before the search runs, in milliseconds. */
const SEARCH_DEBOUNCE_MS = 250;
/** Load the next page when the rendered rows come this close to the end of the loaded ones. */
const LOAD_MORE_THRESHOLD_ROWS = 10;

function useDebouncedSearch(apply: (query: string) => void, initial: string) {
  const [search, setSearch] = useState(initial);
  useEffect(() => {
    const timer = setTimeout(() => apply(search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, apply]);
  return [search, setSearch] as const;
}

function mattersOf(...lists: readonly (readonly { readonly matter?: Matter | null }[])[]): Matter[] {
  const byId = new Map<string, Matter>();
  for (const list of lists) for (const { matter } of list) if (matter) byId.set(matter.id, matter);
  return [...byId.values()].sort((left, right) => left.label.localeCompare(right.label));
}

const sameMatters = (left: readonly Matter[], right: readonly Matter[]) =>
  left.length === right.length &&
  left.every(
    (matter, position) => matter.id === right[position]?.id && matter.label === right[position]?.label,
  );

/**
 * The matters of every list loaded since mount, newest labels winning. The filter offers these, not only the
 * current list's: while another list loads, when a search finds nothing or when loading fails, the current list
 * has no matters, and the control that led the person there (with the matter they chose) must stay.
 */
function useKnownMatters(conversations: readonly ConversationSummary[]): readonly Matter[] {
  const [known, setKnown] = useState<readonly Matter[]>(() => mattersOf(conversations));
  useEffect(() => {
    setKnown((previous) => {
      const merged = mattersOf(
        previous.map((matter) => ({ matter })),
        conversations,
      );
      return sameMatters(previous, merged) ? previous : merged;
    });
  }, [conversations]);
  return known;
}

/**
 * The viewer's conversations, newest activity first: unread badges, previews, participants, matters and times,
 * with search, unread and matter filters, arrow-key navigation and Enter to open. Virtualized for long lists.
 *
 * @example
 * <MessageIndex onOpen={(id) => navigate(`/messages/${id}`)} />
 */
export const MessageIndex = forwardRef<HTMLDivElement, MessageIndexProps>(function MessageIndex(props, ref) {
  const {
    onOpen,
    value,
    defaultValue,
    onValueChange,
    matters,
    classNames,
    overrides,
    components,
    className,
    ...rest
  } = props;
  const { dates } = useConfideContext();
  const messages = useMessages(overrides);
  const slots = useSlots(components);
  const index = useConversations();
  const { viewer } = useViewer();
  const { setFilters, conversations, hasMore, isLoadingMore, loadMore } = index;
  const { stores } = useConfideClient();
  // Only a changed query touches the filters: an unchanged one would still make a new filters object.
  const applySearch = useMemo(
    () => (query: string) => {
      if (stores.index.getState().filters.query !== query) setFilters({ query });
    },
    [setFilters, stores],
  );
  const [search, setSearch] = useDebouncedSearch(applySearch, index.filters.query);
  const [ownSelection, setOwnSelection] = useState(() => defaultValue ?? index.selectedConversationId);
  const selected = value === undefined ? ownSelection : value;
  const now = useToday(dates);
  const rows = useMemo<IndexRowContext>(
    () => ({ viewer, now, messages, dates, slots, classNames }),
    [viewer, now, messages, dates, slots, classNames],
  );
  const baseId = useId();
  const keys = useMemo(() => conversations.map((conversation) => conversation.id), [conversations]);
  const list = useVirtualList({
    keys,
    estimateSize: ESTIMATED_ROW_HEIGHT_PX,
    initial: { count: INITIAL_ROWS, from: 'start' },
  });
  const knownMatters = useKnownMatters(conversations);
  const matterOptions = matters ?? knownMatters;
  // The keyboard highlight follows a conversation, not a position: a live message that re-sorts the list must
  // not move it to another conversation.
  const { current, highlightAt } = useHighlight(keys, selected);
  const rowId = (id: ConversationId) => `${baseId}-${id}`;
  const currentId = conversations[current]?.id;
  // The highlighted row is always rendered (see below), so the active descendant always names an element.
  const activeDescendant = currentId === undefined ? undefined : rowId(currentId);

  useEffect(() => {
    if (hasMore && !isLoadingMore && list.end >= conversations.length - LOAD_MORE_THRESHOLD_ROWS)
      void loadMore().catch(() => {});
  }, [hasMore, isLoadingMore, list.end, conversations.length, loadMore]);

  function open(conversation: ConversationSummary) {
    highlightAt(keys.indexOf(conversation.id));
    if (value === undefined) setOwnSelection(conversation.id);
    index.select(conversation.id);
    onValueChange?.(conversation.id);
    onOpen?.(conversation.id);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = conversations.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, current + 1),
      ArrowUp: Math.max(0, current - 1),
      // A page is what the viewport shows, less one row so the reader keeps one row of context.
      PageDown: Math.min(last, current + Math.max(1, list.pageSize - 1)),
      PageUp: Math.max(0, current - Math.max(1, list.pageSize - 1)),
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    if (target !== undefined && conversations[target] !== undefined) {
      event.preventDefault();
      highlightAt(target);
      list.scrollToIndex(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      const conversation = conversations[current];
      if (!conversation) return;
      event.preventDefault();
      open(conversation);
    }
  }

  /**
   * One row. The highlighted row outside the rendered window is rendered too, over the space standing in for it, so
   * that `aria-activedescendant` names an element however far the reader scrolled away from it.
   */
  function renderRow(position: number, outsideWindow: boolean) {
    const conversation = conversations[position];
    if (!conversation) return null;
    return (
      <ConversationItem
        key={conversation.id}
        id={rowId(conversation.id)}
        position={position + 1}
        total={conversations.length}
        conversation={conversation}
        active={conversation.id === selected}
        highlighted={position === current}
        context={rows}
        onOpen={open}
        measureRef={list.measure(conversation.id)}
        style={
          outsideWindow ? { position: 'absolute', insetInline: 0, top: list.offsetOf(position) } : undefined
        }
      />
    );
  }

  const filtered = index.filters.unread || index.filters.query !== '' || index.filters.matterId !== null;
  return (
    <div
      {...rest}
      ref={ref}
      className={cx('confide', 'confide-index', className, classNames?.root)}
      data-state={index.status === 'pending' ? 'loading' : index.status}
    >
      <OfflineBanner messages={messages} />
      <div className={cx('confide-index-toolbar', classNames?.toolbar)}>
        <input
          type="search"
          className={cx('confide-input', classNames?.search)}
          aria-label={messages.INDEX_SEARCH}
          placeholder={messages.INDEX_SEARCH}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <label className="confide-checkbox">
          <input
            type="checkbox"
            checked={index.filters.unread}
            onChange={(event) => setFilters({ unread: event.currentTarget.checked })}
          />
          {messages.INDEX_FILTER_UNREAD}
        </label>
        {(matterOptions.length > 0 || index.filters.matterId) && (
          <select
            className="confide-input"
            aria-label={messages.INDEX_FILTER_MATTER}
            value={index.filters.matterId ?? ''}
            onChange={(event) => setFilters({ matterId: event.currentTarget.value || null })}
          >
            <option value="">{messages.INDEX_ALL_MATTERS}</option>
            {matterOptions.map((matter) => (
              <option key={matter.id} value={matter.id}>
                {matter.label}
              </option>
            ))}
          </select>
        )}
      </div>
      {index.pending.length > 0 && (
        <PendingConversations
          pending={index.pending}
          context={rows}
          onRetry={index.retry}
          onDiscard={index.discard}
        />
      )}
      {index.status === 'pending' && <Skeleton rows={6} messages={messages} />}
      {index.status === 'error' && (
        <ErrorState error={index.error} messages={messages} onRetry={() => void index.refresh()} />
      )}
      {index.status === 'success' && conversations.length === 0 && index.pending.length === 0 && (
        <slots.EmptyState kind="index">
          {filtered ? messages.INDEX_NO_RESULTS : messages.INDEX_EMPTY}
        </slots.EmptyState>
      )}
      {index.status === 'success' && conversations.length > 0 && (
        <Index.Root
          ref={list.viewportRef}
          role="listbox"
          tabIndex={0}
          aria-label={messages.INDEX_LABEL}
          aria-activedescendant={activeDescendant}
          aria-busy={isLoadingMore}
          className={cx('confide-index-list', classNames?.list)}
          onScroll={list.onScroll}
          onKeyDown={onKeyDown}
        >
          <div
            role="presentation"
            style={{
              position: 'relative',
              paddingBlockStart: list.paddingBefore,
              paddingBlockEnd: list.paddingAfter,
            }}
          >
            {current < list.start && renderRow(current, true)}
            {conversations
              .slice(list.start, list.end)
              .map((_, offset) => renderRow(list.start + offset, false))}
            {current >= list.end && renderRow(current, true)}
          </div>
        </Index.Root>
      )}
    </div>
  );
});
