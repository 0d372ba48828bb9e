import { Fragment } from 'react';
import { linkify } from '../lib/linkify.js';

/** Props of `MessageText`. */
export interface MessageTextProps {
  /** The message text: shown as text, with line breaks kept and only http(s)/mailto links made clickable. */
  readonly text: string;
}

/**
 * Message text rendered safely: React escapes every character, so nothing in the text is interpreted as HTML;
 * line breaks are kept by the `white-space: pre-wrap` of the kit's styles and by `<br>` here for unstyled use.
 *
 * @example
 * <MessageText text={message.body} />
 */
export function MessageText({ text }: MessageTextProps) {
  const parts = linkify(text);
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'link' ? (
          // An address reads left to right whatever the text around it; `data-rewritten` marks one shown as the
          // browser reads it because what was written disguised its host.
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are derived from immutable text, in order.
            key={index}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
            dir="ltr"
            data-rewritten={part.rewritten ? '' : undefined}
          >
            {part.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are derived from immutable text, in order.
          <Fragment key={index}>
            {part.text.split('\n').map((line, lineIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of immutable text, in order.
              <Fragment key={lineIndex}>
                {lineIndex > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </Fragment>
        ),
      )}
    </>
  );
}
