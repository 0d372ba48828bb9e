import { describe, expect, it } from 'vitest';
import { ConfideError } from '../../errors/confide-error.js';
import { createConnectionStore } from './connection-store.js';

describe('connection store', () => {
  it('keeps the error that dropped the stream until it is open again', () => {
    const store = createConnectionStore();
    const error = new ConfideError('network', 'Lost');
    store.getState().setStatus('reconnecting', error);
    store.getState().setStatus('connecting');
    expect(store.getState()).toMatchObject({ status: 'connecting', lastError: error });
    store.getState().setStatus('open');
    expect(store.getState()).toMatchObject({ status: 'open', lastError: null });
  });
});
