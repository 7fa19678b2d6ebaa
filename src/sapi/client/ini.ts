/**
 * A reader for dwave.conf files, following Python's configparser as dwave-cloud-client uses it
 * (`ConfigParser(default_section="defaults")`): `[section]` headers, `key = value` or `key: value`, full-line
 * comments starting with `#` or `;`, indented continuation lines, option names lower-cased, duplicate sections
 * or options in one file are errors. Several files merge key by key, later files winning.
 *
 * A syntax error names the file, the line and the option (when it can tell which), never the line's text: a
 * malformed line may hold the API token.
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

/** Option names dwave-cloud-client reads from a profile (for naming the option of a malformed line). */
const KNOWN_OPTIONS = new Set([
  'token',
  'endpoint',
  'region',
  'solver',
  'client',
  'proxy',
  'headers',
  'request_timeout',
  'polling_timeout',
  'permissive_ssl',
  'connection_close',
  'profile',
  'leap_api_endpoint',
  'leap_client_id',
]);

/** Why a line is not `key = value`, without quoting it (it may hold the token). */
function malformedLine(trimmed: string): string {
  if (/^[=:]/.test(trimmed)) return 'an option without a name before its "=" or ":" (the line is not shown)';
  const word = /^[A-Za-z_]+/.exec(trimmed)?.[0].toLowerCase();
  if (word !== undefined && KNOWN_OPTIONS.has(word))
    return `option "${word}" has no "=" or ":" before its value; write "${word} = …" (the line is not shown)`;
  return 'expected "key = value"; the line has no "=" or ":" (it is not shown, as it may hold a secret)';
}

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
    if (!m) throw new IniSyntaxError(file, lineNo, malformedLine(trimmed));
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
