// A recompute worker thread (executor.ts): opens its own store on the portal's database, builds
// the same plan from the same settings version, and runs the batches it is sent.

import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../store/index.js';
import { portalBasics } from '../deal-loader.js';
import { enginePlan } from '../engine-plan.js';
import { modelsOf } from '../engine-plan.js';
import { runBatch, type BatchEnv, type BatchJob } from './batch.js';
import type { WorkerSetup } from './executor.js';

type Message =
  | { readonly type: 'job'; readonly id: number; readonly job: BatchJob }
  | { readonly type: 'close' };

const port = parentPort;
if (port === null) throw new Error('recompute worker: not in a worker thread');
const setup = workerData as WorkerSetup;

try {
  const store = await openStore(setup.databaseUrl);
  const plan = enginePlan(setup.settings, setup.settingsVersion);
  const env: BatchEnv = {
    store,
    plan,
    portalId: setup.portalId,
    at: setup.at,
    models: modelsOf(setup.settings),
    basics: await portalBasics(store, setup.portalId),
  };
  port.on('message', (m: Message) => {
    if (m.type === 'close') {
      void store.close().then(() => {
        port.close();
      });
      return;
    }
    runBatch(env, m.job).then(
      (result) => {
        port.postMessage({ type: 'done', id: m.id, result });
      },
      (e: unknown) => {
        port.postMessage({
          type: 'failed',
          id: m.id,
          message: e instanceof Error ? (e.stack ?? e.message) : String(e),
        });
      },
    );
  });
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({
    type: 'failed',
    id: null,
    message: e instanceof Error ? (e.stack ?? e.message) : String(e),
  });
}
