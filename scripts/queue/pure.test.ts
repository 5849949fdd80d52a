/** The queue's pure parts: the --queue URL, the job payload's checks, the progress line. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP, sweepConfig, sweepPoints } from '../../src/engine/sweep/spec';
import { parseRedisUrl } from './connection';
import { jobId, readPayload, readResult, RefusedJobError, sweepPayload } from './jobs';
import { etaSeconds, progressLine } from './progress';

describe('--queue URL', () => {
  it('reads host, port, database and credentials, and hides the password in messages', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6390/2')).toMatchObject({ host: '127.0.0.1', port: 6390, db: 2, tls: false, shown: 'redis://127.0.0.1:6390/2' });
    expect(parseRedisUrl('redis://box')).toMatchObject({ host: 'box', port: 6379, db: 0 });
    const secret = parseRedisUrl('rediss://me:s%40cret@box:7000');
    expect(secret).toMatchObject({ username: 'me', password: 's@cret', tls: true });
    expect(secret.shown).toBe('rediss://me:***@box:7000');
  });

  it.each([
    ['127.0.0.1:6379', /not a URL; expected --queue redis:\/\/host:port/],
    ['http://box:6379', /scheme must be redis/],
    ['redis://box:6379/x', /database "\/x" must be a number/],
    ['redis://box:6379/16', /must be a number 0–15/],
    ['not a url', /not a URL/],
  ])('refuses %s, saying why', (url, pattern) => {
    expect(() => parseRedisUrl(url)).toThrow(pattern);
  });
});

describe('job payloads', () => {
  const point = sweepPoints(DEFAULT_SWEEP)[0];
  const payload = sweepPayload('s', point, sweepConfig(DEFAULT_SWEEP, point), '0123456789abcdef', 'wasm');

  it('a payload survives JSON (as in Redis) and reads back the same', () => {
    expect(readPayload(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
  });

  it('another schema version is refused before anything else is read, naming both versions', () => {
    expect(() => readPayload({ schemaVersion: 2, something: 'else' })).toThrow(RefusedJobError);
    expect(() => readPayload({ schemaVersion: 2 })).toThrow(/made for config schema version 2, and this worker reads version 1/);
    expect(() => readPayload(null)).toThrow(/version undefined/);
  });

  it('a malformed payload is refused with the field named', () => {
    expect(() => readPayload({ ...payload, key: 'nope' })).toThrow(/malformed job: key: must be a 16-digit hex run key/);
    expect(() => readPayload({ ...payload, kind: 'other' })).toThrow(/malformed job/);
  });

  it('a result for another job is not taken', () => {
    expect(() => readResult({ kind: 'sweep' }, payload)).toThrow(/malformed result/);
  });

  it('job ids are deterministic, differ by destination and key, and contain no ":"', () => {
    const id = jobId('sweep', '/runs/a.jsonl\nname', '0123456789abcdef');
    expect(id).toBe(jobId('sweep', '/runs/a.jsonl\nname', '0123456789abcdef'));
    expect(id).not.toBe(jobId('sweep', '/runs/b.jsonl\nname', '0123456789abcdef'));
    expect(id).not.toContain(':');
  });
});

describe('progress line', () => {
  it('counts done, running, waiting and failed, with an ETA from this session’s rate', () => {
    const c = { total: 16, done: 6, running: 2, failed: 1 };
    expect(etaSeconds(c, 4, 40)).toBe(9 * 10);
    expect(progressLine(c, 4, 40)).toBe('[#########-----------] 6/16 done · 2 running · 7 waiting · 1 failed · elapsed 40s · ETA 1m30s');
    expect(progressLine({ total: 2, done: 0, running: 0, failed: 0 }, 0, 1)).toContain('ETA ?');
  });
});
