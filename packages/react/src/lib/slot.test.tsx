import { fireEvent, render, screen } from '@testing-library/react';
import { createRef, Fragment, type MouseEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Slot } from './slot.js';

describe('Slot', () => {
  it.each([
    ['passes no handler', undefined, ['part']],
    ['passes onClick={undefined}', 'undefined', ['part']],
    ['passes its own handler', 'handler', ['child', 'part']],
    ['prevents the default', 'preventing', ['child']],
  ] as const)('keeps the part’s handler right when the child %s', (_name, childHandler, expected) => {
    const calls: string[] = [];
    const childProps =
      childHandler === 'undefined'
        ? { onClick: undefined }
        : childHandler === 'handler'
          ? { onClick: () => calls.push('child') }
          : childHandler === 'preventing'
            ? {
                onClick: (event: MouseEvent) => {
                  calls.push('child');
                  event.preventDefault();
                },
              }
            : {};
    render(
      <Slot onClick={() => calls.push('part')}>
        <button type="button" {...childProps}>
          Go
        </button>
      </Slot>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(calls).toEqual(expected);
  });

  it('passes the ref to an element child and none to a Fragment', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const ref = createRef<HTMLElement>();
    render(
      <Slot ref={ref}>
        <a href="#top">Top</a>
      </Slot>,
    );
    expect(ref.current).toBe(screen.getByRole('link', { name: 'Top' }));
    render(
      <Slot ref={createRef<HTMLElement>()}>
        <Fragment>Plain text</Fragment>
      </Slot>,
    );
    expect(screen.getByText('Plain text')).toBeInTheDocument();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
