import type { ConfideComponents } from '../../provider/components.js';
import type { ConfideOverrides } from '../../provider/messages.js';

/** Props every styled component shares, beyond its root element's own. */
export interface StyledComponentProps<Part extends string> {
  /** Extra class names per part, for hosts styling without the stylesheet or on top of it. */
  readonly classNames?: Partial<Record<Part, string>>;
  /** Replaces some strings for this component only. */
  readonly overrides?: ConfideOverrides;
  /** Replaces parts (`Avatar`, `MessageBody`, `EmptyState`) for this component only. */
  readonly components?: Partial<ConfideComponents>;
}
