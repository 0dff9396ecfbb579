import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../server/parseCliArgs';

describe('parseCliArgs', () => {
  it('maps every flag to a server option', () => {
    const command = parseCliArgs([
      '--port=9000',
      '--host',
      '0.0.0.0',
      '--store',
      'postgres://postgres@127.0.0.1:5432/test',
      '--min-reports',
      '50',
      '--round-seconds',
      '10',
      '--aggregator',
      'median',
      '--trim',
      '0.2',
      '--cors-origin',
      'https://a.example,https://b.example',
      '--cors-origin',
      'https://c.example',
      '--base-path',
      '/tastebud',
      '--rate-limit',
      '0',
      '--allow-unnoised',
    ]);
    expect(command).toEqual({
      help: false,
      port: 9000,
      host: '0.0.0.0',
      options: {
        store: 'postgres://postgres@127.0.0.1:5432/test',
        minReports: 50,
        roundSeconds: 10,
        aggregator: 'median',
        trim: 0.2,
        corsOrigins: ['https://a.example', 'https://b.example', 'https://c.example'],
        basePath: '/tastebud',
        rateLimit: false,
        allowUnnoised: true,
      },
    });
  });

  it('defaults to 127.0.0.1:8787 with a rate limit', () => {
    expect(parseCliArgs([])).toEqual({
      help: false,
      port: 8787,
      host: '127.0.0.1',
      options: { rateLimit: { ratePerSecond: 2000, burst: 500 } },
    });
  });

  it('names the flag of a bad value', () => {
    expect(() => parseCliArgs(['--min-reports', 'many'])).toThrow('--min-reports: expected a number, got "many"');
    expect(() => parseCliArgs(['--aggregator', 'max'])).toThrow('--aggregator: expected mean, trimmed-mean or median, got "max"');
    expect(() => parseCliArgs(['--port', '70000'])).toThrow('--port: expected 0–65535, got 70000');
    expect(() => parseCliArgs(['--colour'])).toThrow(/colour/);
  });
});
