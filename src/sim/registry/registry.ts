/**
 * The sampler registry: samplers by name, as pure factories, so every front end lists and builds them alike.
 *
 * Design (docs/architecture.md): the registry lives in the engine layer and starts with the engine's samplers
 * (./engine-entries.ts); a higher layer adds its own with `register` (`src/sapi/client` exports
 * `leapSamplerEntry`). Each front end builds one registry, engine entries + leap, so nothing imports upward.
 * An entry states its name, summary and parameters as data: listing samplers builds none. The engine does no
 * I/O of its own here. The front end lends file reading (a solver description, an embedding file), the
 * environment, logging and interrupt handling as a {@link SamplerEnvironment}, and anything it does not lend
 * is refused. The web app lends no file reader, so no request can make it read a file.
 */

import { InputError } from '../../errors.js';
import type { ParameterSpecs, Sampler } from '../sampler.js';

/** Options a front end passes when it builds a sampler. */
export interface SamplerCreateOptions {
  /** qpu-sim: a profile name, or a Leap solver description file (needs a file reader); leap: a solver name. */
  solver?: string;
  /** Worker threads (default: available parallelism). */
  threads?: number;
}

/** What a front end lends the engine. Each part is optional; a sampler that needs a missing part refuses. */
export interface SamplerEnvironment {
  /** Reads a text file. `field` names the option the path came from ('solver', 'embedding') for messages. */
  readTextFile?: (path: string, field: string) => string;
  /** Environment variables (leap: DWAVE_API_TOKEN, DWAVE_API_ENDPOINT, …, QAXAI_LEAP_SAVE_RAW). Absent: none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Diagnostic lines, each starting with the sampler's name ("leap: retrying …"). Absent: silent. */
  log?: (line: string) => void;
  /** Wraps a sampler that waits on a remote service so that an interrupt (Ctrl-C) cancels its work. */
  cancelOnInterrupt?: <S extends Sampler>(sampler: S) => S;
}

/** One sampler of the registry: static description plus a factory. */
export interface SamplerEntry {
  readonly name: string;
  /** One line for help text and docs. */
  readonly summary: string;
  /** The parameters of the sampler built with default options, as data (building nothing). */
  readonly parameters: ParameterSpecs;
  /** Says what `parameters` leaves out (leap: the chosen solver's own parameters). */
  readonly parametersNote?: string;
  /** Properties known without building the sampler. */
  readonly properties?: Readonly<Record<string, unknown>>;
  /**
   * The parameters for these options without building (qpu-sim: the chosen profile's), or undefined when only
   * a built sampler knows them (leap). Absent: `parameters`, whatever the options.
   */
  parametersFor?(options: SamplerCreateOptions, env: SamplerEnvironment): ParameterSpecs | undefined;
  /** Why the sampler cannot be built in this environment (leap: no token), found without building it. */
  unavailableReason?(env: SamplerEnvironment): string | undefined;
  /** Builds a fresh sampler; the caller closes it. */
  create(options: SamplerCreateOptions, env: SamplerEnvironment): Sampler | Promise<Sampler>;
}

/** A registry entry as a front end lists it (GET /api/info, docs/samplers.md). */
export interface SamplerListing {
  name: string;
  summary: string;
  parameters: ParameterSpecs;
  parametersNote?: string;
  properties?: Readonly<Record<string, unknown>>;
  available: boolean;
  /** Why it is not available, when it is not. */
  reason?: string;
}

/** Samplers by name, built with the environment the front end lends. */
export class SamplerRegistry {
  private readonly byName = new Map<string, SamplerEntry>();

  constructor(
    entries: Iterable<SamplerEntry> = [],
    readonly env: SamplerEnvironment = {},
  ) {
    for (const e of entries) this.register(e);
  }

  /** Adds an entry (a higher layer's sampler); a name can be registered once. */
  register(entry: SamplerEntry): this {
    if (this.byName.has(entry.name)) throw new Error(`sampler registry: ${entry.name} is already registered`);
    this.byName.set(entry.name, entry);
    return this;
  }

  /** Registered names, in registration order. */
  get names(): string[] {
    return [...this.byName.keys()];
  }

  entries(): SamplerEntry[] {
    return [...this.byName.values()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The entry of `name`; an unknown name is an InputError naming `sampler` and the registered names. */
  get(name: string): SamplerEntry {
    const entry = this.byName.get(name);
    if (!entry)
      throw new InputError(
        `sampler: unknown sampler ${JSON.stringify(name)}; available: ${this.names.join(', ')}`,
        { field: 'sampler' },
      );
    return entry;
  }

  /** Every entry with its static parameters and whether it can be built here; builds no sampler. */
  list(): SamplerListing[] {
    return this.entries().map((e) => {
      const reason = e.unavailableReason?.(this.env);
      return {
        name: e.name,
        summary: e.summary,
        parameters: e.parameters,
        ...(e.parametersNote !== undefined ? { parametersNote: e.parametersNote } : {}),
        ...(e.properties !== undefined ? { properties: e.properties } : {}),
        available: reason === undefined,
        ...(reason !== undefined ? { reason } : {}),
      };
    });
  }

  /**
   * The parameters `name` takes with these options: from the entry's data when it has them; otherwise (leap)
   * the sampler is built, asked and closed.
   */
  async parameterSpecs(name: string, options: SamplerCreateOptions = {}): Promise<ParameterSpecs> {
    const entry = this.get(name);
    if (!entry.parametersFor) return entry.parameters;
    const known = entry.parametersFor(options, this.env);
    if (known) return known;
    const sampler = await entry.create(options, this.env);
    try {
      return sampler.parameters;
    } finally {
      await sampler.close?.();
    }
  }

  /** Builds a fresh sampler of `name`; the caller closes it. */
  async create(name: string, options: SamplerCreateOptions = {}): Promise<Sampler> {
    return this.get(name).create(options, this.env);
  }
}
