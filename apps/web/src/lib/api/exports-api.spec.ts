import { describe, expect, it } from 'vitest';
import { ApiError } from './boards-api.js';
import {
  absoluteUrl,
  exportPath,
  fetchExport,
  filenameOf,
  getCalendarUrl,
  rotateCalendarUrl,
} from './exports-api.js';

describe('exports api', () => {
  it('builds the export paths with version and separator', () => {
    expect(exportPath('b1', { format: 'docx' })).toBe('/api/boards/b1/exports/decision.docx');
    expect(exportPath('b1', { format: 'pdf', version: 'v1' })).toBe(
      '/api/boards/b1/exports/decision.pdf?version=v1',
    );
    expect(exportPath('b1', { format: 'csv', separator: 'comma' })).toBe(
      '/api/boards/b1/exports/measures.csv?separator=comma',
    );
    expect(exportPath('b1', { format: 'csv' })).toBe(
      '/api/boards/b1/exports/measures.csv?separator=semicolon',
    );
    expect(exportPath('b1', { format: 'md', version: '' })).toBe('/api/boards/b1/exports/board.md');
  });

  it('takes safe file names from Content-Disposition only', () => {
    expect(filenameOf('attachment; filename="werkraum-musterland-2027-05-31.csv"', 'x')).toBe(
      'werkraum-musterland-2027-05-31.csv',
    );
    expect(filenameOf("attachment; filename*=UTF-8''werkraum-m%C3%BCnchen.md", 'x')).toBe(
      'werkraum-münchen.md',
    );
    expect(filenameOf('attachment; filename="../../etc/passwd"', 'fallback.md')).toBe(
      'fallback.md',
    );
    expect(filenameOf(null, 'fallback.md')).toBe('fallback.md');
  });

  it('downloads with the link token and turns errors into ApiErrors', async () => {
    const calls: { url: string; auth: string | null }[] = [];
    const ok = (async (url: string, init?: RequestInit) => {
      calls.push({ url, auth: new Headers(init?.headers).get('authorization') });
      return new Response('\uFEFFHandlungsfeld;Maßnahme\r\n', {
        headers: { 'content-disposition': 'attachment; filename="m.csv"' },
      });
    }) as typeof fetch;
    const file = await fetchExport('b1', { format: 'csv' }, { token: 't1', fetch: ok });
    expect(file.filename).toBe('m.csv');
    expect(await file.blob.text()).toContain('Maßnahme');
    expect(calls).toEqual([
      { url: '/api/boards/b1/exports/measures.csv?separator=semicolon', auth: 'Bearer t1' },
    ]);

    const conflict = (async () =>
      new Response(JSON.stringify({ error: { code: 'conflict', message: 'none yet' } }), {
        status: 409,
      })) as typeof fetch;
    const error = await fetchExport('b1', { format: 'docx' }, { fetch: conflict }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);

    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const network = await fetchExport('b1', { format: 'md' }, { fetch: down }).catch((e) => e);
    expect((network as ApiError).isNetwork).toBe(true);
  });

  it('reads the calendar address, once shown, and a rotated one', async () => {
    const answer = (body: unknown) =>
      (async () => new Response(JSON.stringify(body))) as typeof fetch;
    expect(
      await getCalendarUrl('b1', {
        fetch: answer({ url: '/api/calendar/b1/s.ics', created: true }),
      }),
    ).toEqual({ url: '/api/calendar/b1/s.ics', created: true });
    expect(await getCalendarUrl('b1', { fetch: answer({ url: null, created: false }) })).toEqual({
      url: null,
      created: false,
    });
    expect(
      await rotateCalendarUrl('b1', { fetch: answer({ url: '/api/calendar/b1/n.ics' }) }),
    ).toBe('/api/calendar/b1/n.ics');
    await expect(rotateCalendarUrl('b1', { fetch: answer({}) })).rejects.toBeInstanceOf(ApiError);
    expect(absoluteUrl('/api/calendar/b1/s.ics', 'https://werkraum.example')).toBe(
      'https://werkraum.example/api/calendar/b1/s.ics',
    );
  });
});
