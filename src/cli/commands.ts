// Every product CLI command, in the order `--help` lists them. The development entry
// (sandbox/dev.ts) adds `sandbox` and runs `start` against a local sandbox portal.
//
// All but `start` are lazy: a command's module (and what it imports) is loaded only when that
// command runs, so `paths` starts without the store, the HubSpot client or the project files.
// Their summaries are repeated here; a test checks they match the commands' own.

import { lazyCommand, type CommandEntry } from './command.js';
import { startCommand } from './start.js';

export const COMMANDS: readonly CommandEntry[] = [
  startCommand,
  lazyCommand(
    'sync',
    'sync the HubSpot portal into the store (full first, incremental after)',
    async () => (await import('./sync.js')).syncCommand,
  ),
  lazyCommand(
    'status',
    'show each synced stream: checkpoint, records, last run, last error',
    async () => (await import('./status.js')).statusCommand,
  ),
  lazyCommand(
    'attribute',
    'compute and save every deal’s attribution from the store',
    async () => (await import('./attribute.js')).attributeCommand,
  ),
  lazyCommand(
    'writeback',
    'write the stored results to HubSpot properties (only what changed)',
    async () => (await import('./writeback.js')).writebackCommand,
  ),
  lazyCommand(
    'evaluate',
    'Evaluate every model on the synced portal and recommend one (never applied)',
    async () => (await import('./evaluate.js')).evaluateCommand,
  ),
  lazyCommand(
    'paths',
    'Attribute a path file (ChannelAttribution CSV or journeys JSON) with one model',
    async () => (await import('./paths.js')).pathsCommand,
  ),
  lazyCommand(
    'models',
    'List the attribution models, their weights and options',
    async () => (await import('./models.js')).modelsCommand,
  ),
  lazyCommand(
    'configure',
    'Set the backend origin, app name and support contacts in the HubSpot project files',
    async () => (await import('./configure.js')).configureCommand,
  ),
];
