'use client';
import { type DragEvent, forwardRef, useRef, useState } from 'react';
import type { ConfideMessages } from '../../provider/messages.js';
import { PaperClipIcon } from './file-icon.js';

/** Props of `AttachButton`. */
export interface AttachButtonProps {
  readonly messages: ConfideMessages;
  /** Called with the files the person picked. */
  readonly onFiles: (files: File[]) => void;
}

/** "Attach files": a real button that opens the device's file picker (several files at once). */
export const AttachButton = forwardRef<HTMLButtonElement, AttachButtonProps>(function AttachButton(
  { messages, onFiles },
  ref,
) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        ref={ref}
        type="button"
        className="confide-button confide-attach"
        onClick={() => input.current?.click()}
      >
        <PaperClipIcon />
        {messages.ATTACH_FILES}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-label={messages.ATTACH_FILES}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          // Cleared so that picking the same file again (after removing it) is a change too.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
});

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Drag-and-drop of files onto an element: `dragging` while files are held over it (for a visible drop target), and
 * the handlers to spread on it. Dragged text is left alone, so dropping text into a field still works.
 */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  // Entering a child fires dragenter on it before dragleave on the parent: count, rather than toggle.
  const depth = useRef(0);
  const dropProps = {
    onDragEnter(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(event: DragEvent) {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = [...event.dataTransfer.files];
      if (files.length > 0) onFiles(files);
    },
  };
  return { dragging, dropProps };
}

/** The visible drop target over a composer while files are dragged onto it (pointer only: the button is the way). */
export function DropTarget({ messages }: { readonly messages: ConfideMessages }) {
  return (
    <div className="confide-drop-target" aria-hidden="true">
      <PaperClipIcon />
      {messages.ATTACH_DROP_HERE}
    </div>
  );
}
