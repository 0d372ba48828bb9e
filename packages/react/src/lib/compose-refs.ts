import type { Ref, RefCallback } from 'react';

/** One ref callback that feeds every given ref (callback or object). */
export function composeRefs<Value>(...refs: readonly (Ref<Value> | undefined)[]): RefCallback<Value> {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node);
      else if (ref) ref.current = node;
    }
  };
}
