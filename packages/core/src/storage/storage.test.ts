import { describe, expect, it } from 'vitest';
import { localStorageAdapter, memoryStorage } from './storage.js';

function fakeLocalStorage(options: { full?: boolean } = {}) {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (options.full) throw new Error('QuotaExceededError');
      values.set(key, value);
    },
    removeItem: (key: string) => values.delete(key),
  };
}

describe('storage adapters', () => {
  it('keeps values in memory', () => {
    const storage = memoryStorage();
    storage.setItem('a', '1');
    expect(storage.getItem('a')).toBe('1');
    storage.removeItem('a');
    expect(storage.getItem('a')).toBeNull();
  });

  it('reads and writes localStorage, and passes a refused write on so the client can say it is not saved', () => {
    const storage = localStorageAdapter(fakeLocalStorage());
    storage.setItem('draft', '{}');
    expect(storage.getItem('draft')).toBe('{}');
    expect(() => localStorageAdapter(fakeLocalStorage({ full: true })).setItem('draft', 'x')).toThrow(
      'QuotaExceededError',
    );
  });

  it('explains when there is no localStorage', () => {
    expect(() => localStorageAdapter(undefined)).toThrow(/memoryStorage/);
  });
});
