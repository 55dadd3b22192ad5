// The command line's surface: the dispatcher, the product's commands and the helpers a command is
// written with (the development entry in sandbox/ builds its commands from these).

export { main } from './main.js';
export { COMMANDS } from './commands.js';
export {
  parseOptions,
  requireConfig,
  UsageError,
  wantsHelp,
  type Command,
  type CommandEntry,
  type Io,
} from './command.js';
export { START_HELP, startApp, startCommand, type StartHooks } from './start.js';
