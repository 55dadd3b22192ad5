import { describe, expect, it } from 'vitest';
import { generatePortal } from '../../../../sandbox/generator/index.js';
import { hash } from './helpers.js';

describe('generatePortal determinism', () => {
  it('produces byte-identical portals for the same seed and scale', () => {
    const a = generatePortal({ seed: 42, scale: 'tiny' });
    const b = generatePortal({ seed: 42, scale: 'tiny' });
    expect(hash(a)).toBe(hash(b));
  });

  it('produces a different portal for a different seed', () => {
    const a = generatePortal({ seed: 42, scale: 'tiny' });
    const b = generatePortal({ seed: 43, scale: 'tiny' });
    expect(hash(a)).not.toBe(hash(b));
  });

  it('does not depend on the wall clock: the default now is fixed', () => {
    const a = generatePortal({ seed: 7, scale: 'tiny' });
    expect(a.now).toBe(Date.UTC(2026, 0, 1));
  });

  it('rejects invalid options naming the field', () => {
    expect(() => generatePortal({ seed: -1, scale: 'tiny' })).toThrow(/seed/);
    expect(() => generatePortal({ seed: 1, scale: 'huge' as 'tiny' })).toThrow(/scale/);
    expect(() => generatePortal({ seed: 1, scale: { companies: 0 } })).toThrow(/companies/);
  });

  it('records web-analytics page views only on Enterprise portals', () => {
    expect(generatePortal({ seed: 5, scale: 'tiny' }).webEvents).toHaveLength(0);
    const ent = generatePortal({ seed: 5, scale: 'tiny', tier: 'enterprise' });
    expect(ent.webEvents.length).toBeGreaterThan(0);
    const contacts = ent.objects.contacts;
    expect(ent.webEvents.every((e) => contacts.has(e.objectId))).toBe(true);
  });
});
