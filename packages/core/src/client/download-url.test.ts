import type { AttachmentId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { pdfFile } from '../test/files.js';
import { clientFor, createMockServer, type MockServer, transportFor } from '../test/mock-clients.js';

// A 1×1 PNG: the server decides the type from the bytes, so the picture has to be a real one.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const png = () => new File([Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0))], 'Passport.png');

async function uploaded(mock: MockServer, file: File): Promise<AttachmentId> {
  return (await transportFor(mock, 'ben').uploadFile?.(file))?.id as AttachmentId;
}

async function auditActions(mock: MockServer): Promise<string[]> {
  return (await transportFor(mock, 'ben').listAudit({})).items.map((entry) => entry.action);
}

describe('client.attachments.downloadUrl with a purpose', () => {
  it('gives a preview URL that shows the picture inline and is audited as a preview, not a download', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const id = await uploaded(mock, png());
    const preview = await mock.fetch(await client.attachments.downloadUrl(id, { purpose: 'preview' }));
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(preview.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(await auditActions(mock)).toContain('attachment.previewed');
    expect(await auditActions(mock)).not.toContain('attachment.downloaded');
    const download = await mock.fetch(await client.attachments.downloadUrl(id));
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect((await auditActions(mock))[0]).toBe('attachment.downloaded');
  });

  it('rejects a preview of a file that is not a picture', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const id = await uploaded(mock, pdfFile('Form.pdf'));
    await expect(client.attachments.downloadUrl(id, { purpose: 'preview' })).rejects.toMatchObject({
      code: 'attachment_unavailable',
    });
    await expect(client.attachments.downloadUrl(id, { purpose: 'download' })).resolves.toMatch(
      /\/v1\/downloads\//,
    );
  });
});
