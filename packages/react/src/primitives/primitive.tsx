import { type ComponentPropsWithoutRef, type ElementType, forwardRef, type Ref } from 'react';
import { Slot } from '../lib/slot.js';

/** Props every primitive part takes on top of its element's own. */
export interface AsChildProps {
  /** Renders the only child instead of the part's own element, with the part's props and behaviour merged in. */
  readonly asChild?: boolean;
}

/** Props of a primitive part rendering `Tag`. */
export type PrimitiveProps<Tag extends ElementType> = ComponentPropsWithoutRef<Tag> & AsChildProps;

/** Props of `Primitive`: the element to render and its props. */
export type ElementProps = AsChildProps & { readonly tag: keyof HTMLElementTagNameMap } & Record<
    string,
    unknown
  >;

/** One DOM element (`tag`), or with `asChild` the host's own element with these props merged in. */
export const Primitive = forwardRef<HTMLElement, ElementProps>(function Primitive(
  { tag, asChild, ...props },
  ref,
) {
  const Element = (asChild ? Slot : tag) as ElementType;
  return <Element {...props} ref={ref as Ref<HTMLElement>} />;
});
