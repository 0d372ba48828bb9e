import { useContext } from 'react';
import { ConfideContext, type ConfideContextValue } from './confide-context.js';

/** The provider's context; throws outside a `ConfideProvider` so a missing provider is found at once. */
export function useConfideContext(): ConfideContextValue {
  const context = useContext(ConfideContext);
  if (!context) throw new Error('Confide hooks and components must be rendered inside <ConfideProvider>.');
  return context;
}
