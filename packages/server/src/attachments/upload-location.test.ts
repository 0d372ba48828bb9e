import { describe, expect, it } from 'vitest';
import { uploadIdOf, uploadLocation } from './upload-location.js';

describe('uploadLocation', () => {
  it.each([
    'https://api.example.test/v1/uploads',
    'https://example.test/confide/v1/uploads',
    'http://127.0.0.1:4000/a/b/c/v1/uploads',
  ])('resolves against the creation URL %s to the upload under the same prefix', (creation) => {
    expect(new URL(uploadLocation('att_1'), creation).href).toBe(`${creation}/att_1`);
  });
});

describe('uploadIdOf', () => {
  it.each([
    ['https://x.test/v1/uploads', null],
    ['https://x.test/confide/v1/uploads', null],
    ['https://x.test/v1/uploads/att_1', 'att_1'],
    ['https://x.test/confide/v1/uploads/att_1?x=1', 'att_1'],
    ['https://x.test/v1/uploads/att%201', 'att 1'],
    ['https://x.test/v1/uploads/att_1/more', undefined],
    ['https://x.test/v1/uploads/%E0%A4%A', undefined],
    ['https://x.test/v1/other/att_1', undefined],
  ])('reads %s as %j', (url, id) => {
    expect(uploadIdOf(url)).toBe(id);
  });
});
