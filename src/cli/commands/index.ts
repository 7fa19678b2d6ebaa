/** Every CLI command module, in help order. Add a command by adding its module here. */

import type { CommandModule } from '../command.js';
import { annealCommand } from './anneal.js';
import { convertCommand } from './convert.js';
import { demoCommand } from './demo.js';
import { embedCommand } from './embed.js';
import { energyCommand } from './energy.js';
import { explainCommand } from './explain.js';
import { gapCommand } from './gap.js';
import { groundCommand } from './ground.js';
import { leapCommand } from './leap.js';
import { queueCommand } from './queue.js';
import { sampleCommand } from './sample.js';
import { schedulesCommand } from './schedules.js';
import { serveCommand } from './serve.js';
import { serveSapiCommand } from './serve-sapi.js';
import { studyCommand } from './study.js';
import { topologyCommand } from './topology.js';
import { trainCommand } from './train.js';
import { validateCommand } from './validate.js';
import { workerCommand } from './worker.js';

export const commandModules: CommandModule[] = [
  sampleCommand,
  energyCommand,
  groundCommand,
  convertCommand,
  topologyCommand,
  embedCommand,
  schedulesCommand,
  trainCommand,
  explainCommand,
  demoCommand,
  annealCommand,
  gapCommand,
  studyCommand,
  serveCommand,
  leapCommand,
  serveSapiCommand,
  validateCommand,
  workerCommand,
  queueCommand,
];
