import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A file the tests attach, written to disk so the browser can pick it, with what its download must match. */
export interface DocumentFile {
  readonly path: string;
  /** The name the browser gives the server. */
  readonly name: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** Size of the large document: big enough that cutting its upload halfway is observable, well under the default limit. */
export const LARGE_DOCUMENT_BYTES = 30 * 1024 * 1024;

/**
 * A well-formed PDF with one page showing `text` and, when `paddingBytes` is set, an embedded file stream of that
 * many random bytes (a scan's worth of data that compresses to nothing, so every run uploads a new SHA-256).
 */
export function pdfBytes(text: string, paddingBytes = 0): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    ),
    Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  if (paddingBytes > 0) {
    objects.push(
      Buffer.concat([
        Buffer.from(`<< /Type /EmbeddedFile /Length ${paddingBytes} >>\nstream\n`),
        randomBytes(paddingBytes),
        Buffer.from('\nendstream'),
      ]),
    );
  }
  // The header's second line has bytes above 127 so that tools treat the file as binary, as the PDF spec advises.
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((object, index) => {
    offsets.push(length);
    const framed = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), object, Buffer.from('\nendobj\n')]);
    parts.push(framed);
    length += framed.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

/**
 * A Windows executable's first bytes (the `MZ` header with its DOS stub message): what a renamed `.exe` starts
 * with, whatever its name says.
 */
export function executableBytes(): Buffer {
  const header = Buffer.alloc(128);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  return Buffer.concat([
    header,
    Buffer.from('PE\0\0', 'latin1'),
    Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
    randomBytes(4096),
  ]);
}

async function writeDocument(folder: string, name: string, bytes: Buffer): Promise<DocumentFile> {
  const path = join(folder, name);
  await writeFile(path, bytes);
  return { path, name, size: bytes.length, sha256: sha256Of(bytes), bytes: new Uint8Array(bytes) };
}

/** Hex SHA-256 of `bytes`. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The three files of the document-request story, written into `folder`. */
export async function writeDocuments(folder: string): Promise<{
  /** A one-page PDF, the employer letter Daniel was asked for. */
  readonly letter: DocumentFile;
  /** A 30 MB PDF (a scanned passport's worth of bytes). */
  readonly scan: DocumentFile;
  /** A Windows executable named like a PDF: the bytes decide, so it is refused. */
  readonly disguised: DocumentFile;
}> {
  await mkdir(folder, { recursive: true });
  return {
    letter: await writeDocument(folder, 'employer-letter.pdf', pdfBytes('Employer letter for Daniel Okafor')),
    scan: await writeDocument(
      folder,
      'passport-scan.pdf',
      pdfBytes('Passport scan', LARGE_DOCUMENT_BYTES - 1024),
    ),
    disguised: await writeDocument(folder, 'pay-slip.pdf', executableBytes()),
  };
}
