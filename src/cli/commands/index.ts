/** Every CLI command module, in help order. Add a command by adding its module here. */

import type { CommandModule } from '../command.js';

export const commandModules: CommandModule[] = [];
