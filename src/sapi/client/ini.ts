/**
 * A reader for dwave.conf files, following Python's configparser as dwave-cloud-client uses it
 * (`ConfigParser(default_section="defaults")`): `[section]` headers, `key = value` or `key: value`, full-line
 * comments starting with `#` or `;`, indented continuation lines, option names lower-cased, duplicate sections
 * or options in one file are errors. Several files merge key by key, later files winning.
 */

export interface IniDocument {
  /** The `[defaults]` section (inherited by every profile). */
  defaults: Map<string, string>;
  /** Profile sections in file order (first file's order, new ones appended). */
  sections: Map<string, Map<string, string>>;
}

export class IniSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}, line ${line}: ${message}`);
  }
}

export const DEFAULT_SECTION = 'defaults';

export function emptyIni(): IniDocument {
  return { defaults: new Map(), sections: new Map() };
}

/** Parses one file's text into `into` (merging), throwing IniSyntaxError on malformed input. */
export function parseIni(text: string, file: string, into: IniDocument = emptyIni()): IniDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const seenSections = new Set<string>();
  let seenKeys = new Set<string>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      if (trimmed === '') lastKey = undefined;
      return;
    }
    if (/^\s/.test(raw) && current && lastKey !== undefined) {
      current.set(lastKey, `${current.get(lastKey)}\n${trimmed}`);
      return;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(trimmed);
    if (header) {
      const name = header[1]!;
      if (seenSections.has(name)) throw new IniSyntaxError(file, lineNo, `section [${name}] appears twice`);
      seenSections.add(name);
      seenKeys = new Set();
      if (name === DEFAULT_SECTION) current = into.defaults;
      else {
        current = into.sections.get(name) ?? new Map();
        into.sections.set(name, current);
      }
      lastKey = undefined;
      return;
    }
    if (!current) throw new IniSyntaxError(file, lineNo, 'an option before any [section] header');
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (!m)
      throw new IniSyntaxError(file, lineNo, `expected "key = value", found ${JSON.stringify(trimmed)}`);
    const key = m[1]!.toLowerCase();
    if (seenKeys.has(key))
      throw new IniSyntaxError(file, lineNo, `option ${JSON.stringify(key)} appears twice`);
    seenKeys.add(key);
    current.set(key, m[2]!);
    lastKey = key;
  });
  return into;
}

/**
 * The options of one profile: `profile` if given, else the `profile` key of [defaults], else the first
 * section, else [defaults] alone (load_profile_from_files). Returns undefined when a named profile is absent.
 */
export function profileOptions(
  doc: IniDocument,
  profile: string | undefined,
): { name: string | undefined; options: Map<string, string> } | undefined {
  const name = profile || doc.defaults.get('profile') || [...doc.sections.keys()][0];
  if (name) {
    const section = doc.sections.get(name);
    if (!section) return undefined;
    return { name, options: new Map([...doc.defaults, ...section]) };
  }
  return { name: undefined, options: new Map(doc.defaults) };
}
