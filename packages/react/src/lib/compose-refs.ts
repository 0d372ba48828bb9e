import type { MutableRefObject, Ref, RefCallback } from 'react';

/** One ref callback that feeds every given ref (callback or object). */
export function composeRefs<Value>(...refs: readonly (Ref<Value> | undefined)[]): RefCallback<Value> {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node);
      // React 18's types mark RefObject.current read-only; React itself assigns object refs exactly like this.
      else if (ref) (ref as MutableRefObject<Value | null>).current = node;
    }
  };
}
