import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageText } from './message-text.js';

describe('MessageText', () => {
  it('keeps line breaks and renders markup as visible text', () => {
    const { container } = render(<MessageText text={'Line one\nLine <b>two</b>'} />);
    expect(container.querySelectorAll('br')).toHaveLength(1);
    expect(container.querySelector('b')).toBeNull();
    expect(container).toHaveTextContent('Line <b>two</b>');
  });

  it('makes http(s) and mailto links clickable in a new tab without an opener', () => {
    render(<MessageText text="Upload at https://portal.example.com/upload please" />);
    const link = screen.getByRole('link', { name: 'https://portal.example.com/upload' });
    expect(link).toHaveAttribute('href', 'https://portal.example.com/upload');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('never links a javascript: address', () => {
    render(<MessageText text="javascript:alert(document.cookie)" />);
    expect(screen.queryByRole('link')).toBeNull();
  });
});
