import { describe, expect, it } from 'vitest';
import { loadCommand, type Io } from '../../../src/cli/command.js';
import { COMMANDS } from '../../../src/cli/commands.js';
import { main } from '../../../src/cli/main.js';

describe('the command list', () => {
  it('loads every lazy command under the name and summary it is listed with', async () => {
    for (const entry of COMMANDS) {
      const command = await loadCommand(entry);
      expect(command.name).toBe(entry.name);
      expect(command.summary).toBe(entry.summary);
      expect(command.help.length).toBeGreaterThan(0);
    }
  });

  it('prints a lazy command’s help and runs it', async () => {
    let out = '';
    let err = '';
    const io: Io = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false };
    expect(await main(['paths', '--help'], io)).toBe(0);
    expect(out).toMatch(/^Usage: npm run -s cli -- paths <file> --model <id>/);
    out = '';
    expect(await main(['paths'], io)).toBe(2);
    expect(err).toBe('paths: missing <file> (see --help)\n');
    expect(out).toBe('');
  });
});
