import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/sapi/client/errors.js';
import { parseRetryAfter } from '../../src/sapi/client/http.js';
import { checkContentType, MEDIA, parseAccept, versionAccepted } from '../../src/sapi/client/media-types.js';

describe('versioned media types', () => {
  it('~=3.0 accepts 3.x ≥ 3.0 only; answers accept ≥ 2.1, < 4', () => {
    expect(versionAccepted('3.0.0', 'compatible-3.0')).toBe(true);
    expect(versionAccepted('3.4', 'compatible-3.0')).toBe(true);
    expect(versionAccepted('2.1', 'compatible-3.0')).toBe(false);
    expect(versionAccepted('4.0.0', 'compatible-3.0')).toBe(false);
    expect(versionAccepted(undefined, 'compatible-3.0')).toBe(false);
    expect(versionAccepted('2.1', 'from-2.1-below-4')).toBe(true);
    expect(versionAccepted('2.0', 'from-2.1-below-4')).toBe(false);
    expect(versionAccepted('3.9.9', 'from-2.1-below-4')).toBe(true);
  });
  it('checkContentType: strict about missing headers, types and versions', () => {
    expect(
      checkContentType(`${MEDIA.problems}; version=3.0.0; charset=utf-8`, MEDIA.problems),
    ).toBeUndefined();
    expect(checkContentType(null, MEDIA.problems)).toMatch(/no Content-Type/);
    expect(checkContentType('application/json', MEDIA.problems)).toMatch(
      /expected application\/vnd.dwave.sapi.problems\+json/,
    );
    expect(checkContentType(`${MEDIA.problems}; version=2.1`, MEDIA.problems)).toMatch(
      /version 2.1 is not supported/,
    );
    expect(checkContentType(`${MEDIA.problemAnswer}; version=2.1`, MEDIA.problemAnswer)).toBeUndefined();
  });
  it('parseAccept splits ranges and parameters', () => {
    expect(parseAccept(`${MEDIA.problem}; version="3.0.0", */*;q=0.1`)).toEqual([
      { type: MEDIA.problem, params: { version: '3.0.0' } },
      { type: '*/*', params: { q: '0.1' } },
    ]);
  });
});

describe('Retry-After and redaction', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
  it('redacts every occurrence of every secret', () => {
    const r = new Redactor(['ABC-secret-1']);
    r.add('XYZ-secret-2');
    expect(r.redact('a ABC-secret-1 b XYZ-secret-2 ABC-secret-1')).toBe('a *** b *** ***');
  });
});
