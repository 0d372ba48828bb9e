import {
  Children,
  cloneElement,
  Fragment,
  forwardRef,
  type HTMLAttributes,
  isValidElement,
  type ReactElement,
  type ReactNode,
  type Ref,
  version,
} from 'react';
import { cx } from './class-names.js';
import { composeRefs } from './compose-refs.js';

/** Props of `Slot`. */
export interface SlotProps extends HTMLAttributes<HTMLElement> {
  /** The one element that receives the props. */
  readonly children?: ReactNode;
}

// React 19 passes `ref` as a prop; React 18 keeps it on the element.
const REF_IN_PROPS = Number.parseInt(version, 10) >= 19;

type Handler = (...args: unknown[]) => void;

function mergeProps(slotProps: Record<string, unknown>, childProps: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...slotProps, ...childProps };
  for (const key of Object.keys(slotProps)) {
    const slotValue = slotProps[key];
    const childValue = childProps[key];
    if (/^on[A-Z]/.test(key) && typeof slotValue === 'function') {
      // A child that passes no handler (`onClick={undefined}`, common for optional props) keeps the part's.
      if (typeof childValue !== 'function') merged[key] = slotValue;
      else {
        // The child's own handler runs first; it can call preventDefault to stop the part's behaviour.
        merged[key] = (...args: unknown[]) => {
          (childValue as Handler)(...args);
          const event = args[0] as { defaultPrevented?: boolean } | undefined;
          if (!event?.defaultPrevented) (slotValue as Handler)(...args);
        };
      }
    } else if (key === 'style') {
      merged[key] = { ...(slotValue as object), ...(childValue as object) };
    } else if (key === 'className') {
      merged[key] = cx(slotValue as string, childValue as string);
    }
  }
  return merged;
}

/** Renders its only child with the part's props merged in: the `asChild` of every primitive. */
export const Slot = forwardRef<HTMLElement, SlotProps>(function Slot({ children, ...props }, ref) {
  const child = Children.only(children);
  if (!isValidElement(child)) return null;
  const element = child as ReactElement<Record<string, unknown> & { ref?: Ref<HTMLElement> }> & {
    ref?: Ref<HTMLElement>;
  };
  const merged = mergeProps(props as Record<string, unknown>, element.props);
  // A Fragment takes no ref (React warns); it only passes the other props on.
  if (element.type === Fragment) return cloneElement(element, merged);
  const childRef = REF_IN_PROPS ? element.props.ref : element.ref;
  return cloneElement(element, { ...merged, ref: composeRefs(ref, childRef) });
});
