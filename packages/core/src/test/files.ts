/** The bytes of `text`, for building files. */
export const ascii = (text: string) => new TextEncoder().encode(text);

/** A PDF by its bytes (header, padding, trailer), `size` bytes long; `options` override its type and date. */
export function pdfFile(name: string, size = 2_000, options: FilePropertyBag = {}): File {
  return new File([ascii('%PDF-1.7\n'), new Uint8Array(size - 16).fill(32), ascii('\n%%EOF\n')], name, {
    type: 'application/pdf',
    ...options,
  });
}
