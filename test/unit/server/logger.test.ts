import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/server/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, sink };
}

describe('createLogger', () => {
  it('writes one JSON line per event with level, time and message', () => {
    const { lines, sink } = capture();
    createLogger('info', sink).child({ requestId: 'r1' }).info({ portalId: 7 }, 'hello');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, requestId: 'r1', portalId: 7, msg: 'hello' }),
    ]);
    expect(Date.parse(String(lines[0]!['time']))).not.toBeNaN();
  });

  it('redacts credentials wherever a logged object carries them, keeping error codes', () => {
    const { lines, sink } = capture();
    createLogger('info', sink).warn(
      {
        req: { headers: { authorization: 'Bearer pat-na1-secret', cookie: 'hs_oauth_nonce=n' } },
        tokens: { accessToken: 'CO-access', refreshToken: 'na1-refresh' },
        grant: { refresh_token: 'na1-x', client_secret: 'shh' },
        err: { code: 'ECONNREFUSED' },
      },
      'careful',
    );
    const text = JSON.stringify(lines);
    for (const secret of [
      'pat-na1-secret',
      'hs_oauth_nonce',
      'CO-access',
      'na1-refresh',
      'na1-x',
      'shh',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('ECONNREFUSED');
  });

  it('respects the level', () => {
    const { lines, sink } = capture();
    const log = createLogger('warn', sink);
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => l['msg'])).toEqual(['loud']);
  });
});
