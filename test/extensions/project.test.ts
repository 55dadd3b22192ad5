import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_ORIGIN } from '../../extensions/domain/backend-origin.js';
import { checkProject } from './project-check.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'extensions/app');

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

describe('the HubSpot project, parsed offline by HubSpot’s parser', () => {
  it('parses without a problem and has the app, card, settings page and webhooks', async () => {
    const report = await checkProject(ROOT);
    expect(report.problems).toEqual([]);
    expect(report.skipped).toEqual([]); // extensions/domain/ holds no -hsmeta.json: not skipped, not parsed
    // extensions/domain/ reaches the card and the settings page as a package HubSpot uploads.
    expect(report.localPackages).toEqual({ '@deal-attribution/domain': 'domain' });
    expect(report.components).toEqual({
      deal_attribution_app: 'APPLICATION',
      deal_attribution_card: 'CARD',
      attribution_settings: 'SETTINGS',
      attribution_webhooks: 'WEBHOOKS',
    });
  });

  describe('reports a broken copy', () => {
    let dir = '';
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    async function brokenCopy(breakIt: (src: string) => Promise<void>) {
      dir = await mkdtemp(path.join(tmpdir(), 'hsproject-'));
      await cp(path.join(ROOT, 'hsproject.json'), path.join(dir, 'hsproject.json'));
      await cp(path.join(ROOT, 'extensions'), path.join(dir, 'extensions'), {
        recursive: true,
        filter: (f) => !f.includes('node_modules'),
      });
      await breakIt(path.join(dir, 'extensions'));
      return checkProject(dir);
    }
    const card = (src: string) => path.join(src, 'app/cards/deal-attribution-card-hsmeta.json');

    it.each([
      [
        'invalid JSON in a component file',
        (src: string) => writeFile(card(src), '{"uid": "deal_attribution_card",'),
        ['app/cards/deal-attribution-card-hsmeta.json', 'missing component: card'],
      ],
      [
        'a component in a nested folder',
        async (src: string) => {
          await mkdir(path.join(src, 'app/cards/nested'));
          await rename(card(src), path.join(src, 'app/cards/nested/card-hsmeta.json'));
        },
        ['skipped by HubSpot', 'missing component: card'],
      ],
      [
        'an unexpected top-level field',
        async (src: string) => {
          const meta = (await readJson(card(src))) as Record<string, unknown>;
          await writeFile(card(src), JSON.stringify({ ...meta, version: 2 }));
        },
        ['unexpected field version'],
      ],
      [
        'a missing entry point',
        (src: string) => rm(path.join(src, 'app/cards/DealCard.tsx')),
        ['entrypoint /app/cards/DealCard.tsx does not exist'],
      ],
      [
        'the domain package not there',
        (src: string) => rm(path.join(src, 'domain/package.json')),
        ['package.json: ', '@deal-attribution/domain'],
      ],
      [
        'no webhooks component',
        (src: string) => rm(path.join(src, 'app/webhooks'), { recursive: true }),
        ['missing component: webhooks'],
      ],
      [
        'an unknown platform version',
        (src: string) =>
          writeFile(
            path.join(src, '../hsproject.json'),
            JSON.stringify({ name: 'x', srcDir: 'extensions', platformVersion: '2019.1' }),
          ),
        ['unknown platformVersion 2019.1'],
      ],
    ])('%s', async (_name, breakIt, expected) => {
      const report = await brokenCopy(breakIt);
      const all = report.problems.join('\n');
      for (const e of expected) expect(all).toContain(e);
    });

    it('a renamed srcDir', async () => {
      const report = await brokenCopy((src) => rename(src, `${src}-old`));
      expect(report.problems.join('\n')).toMatch(/hsproject\.json: .*extensions/);
    });
  });
});

describe('project settings that must agree with the backend', () => {
  it('uses one HTTPS backend origin for fetch, webhooks, OAuth and the local proxy', async () => {
    const origin = new URL(BACKEND_ORIGIN);
    expect(origin.protocol).toBe('https:');
    expect(origin.origin).toBe(BACKEND_ORIGIN); // no path, no trailing slash: HubSpot matches origins
    const app = (await readJson(path.join(APP, 'app-hsmeta.json'))) as AppMeta;
    expect(app.config.permittedUrls.fetch).toEqual([BACKEND_ORIGIN]);
    expect(app.config.auth.redirectUrls).toContain(`${BACKEND_ORIGIN}/oauth/callback`);
    for (const url of app.config.auth.redirectUrls) {
      expect(url.startsWith('https://') || url.startsWith('http://localhost:')).toBe(true);
    }
    const hooks = (await readJson(path.join(APP, 'webhooks/webhooks-hsmeta.json'))) as WebhooksMeta;
    expect(hooks.config.settings.targetUrl).toBe(`${BACKEND_ORIGIN}/webhooks/hubspot`);
    const local = (await readJson(path.join(APP, 'local.json.example'))) as LocalJson;
    expect(local.proxy).toEqual({ [BACKEND_ORIGIN]: 'http://localhost:3000' });
  });

  it('asks for the scopes the sync and write-back need, and the optional sources as optional', async () => {
    const { config } = (await readJson(path.join(APP, 'app-hsmeta.json'))) as AppMeta;
    expect(config.auth.type).toBe('oauth');
    for (const object of ['contacts', 'companies', 'deals']) {
      expect(config.auth.requiredScopes).toContain(`crm.objects.${object}.read`);
      expect(config.auth.requiredScopes).toContain(`crm.objects.${object}.write`);
      expect(config.auth.requiredScopes).toContain(`crm.schemas.${object}.write`);
    }
    expect(config.auth.optionalScopes).toEqual(['crm.objects.marketing_events.read', 'content']);
  });

  it('subscribes to creation, deletion, merge, restore and association changes of deals, contacts and companies', async () => {
    const hooks = (await readJson(path.join(APP, 'webhooks/webhooks-hsmeta.json'))) as WebhooksMeta;
    const subs = hooks.config.subscriptions.crmObjects;
    for (const objectType of ['deal', 'contact', 'company']) {
      for (const kind of ['creation', 'deletion', 'merge', 'restore', 'associationChange']) {
        expect(subs).toContainEqual({
          subscriptionType: `object.${kind}`,
          objectType,
          active: true,
        });
      }
    }
    expect(subs).toContainEqual({
      subscriptionType: 'object.propertyChange',
      objectType: 'deal',
      propertyName: 'dealstage',
      active: true,
    });
  });

  it.each(['cards', 'settings'])(
    'pins the %s bundle to @hubspot/ui-extensions 0.17.0 and react 18.3.1',
    async (folder) => {
      const pkg = (await readJson(path.join(APP, folder, 'package.json'))) as {
        dependencies: Record<string, string>;
      };
      expect(pkg.dependencies['@hubspot/ui-extensions']).toBe('0.17.0');
      expect(pkg.dependencies['react']).toBe('18.3.1');
      expect(pkg.dependencies['@deal-attribution/domain']).toBe('file:../../domain');
      expect(pkg.dependencies['zod']).toBeDefined(); // the data module checks answers with zod
    },
  );

  it('keeps hubspot.config.yml a template without any value', async () => {
    const lines = (await readFile(path.join(ROOT, 'hubspot.config.yml'), 'utf8')).split('\n');
    expect(lines.filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))).toEqual([]);
  });
});

interface AppMeta {
  config: {
    auth: {
      type: string;
      redirectUrls: string[];
      requiredScopes: string[];
      optionalScopes: string[];
    };
    permittedUrls: { fetch: string[] };
  };
}
interface WebhooksMeta {
  config: {
    settings: { targetUrl: string };
    subscriptions: { crmObjects: Record<string, unknown>[] };
  };
}
interface LocalJson {
  proxy: Record<string, string>;
}
