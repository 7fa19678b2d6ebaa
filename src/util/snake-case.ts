/** camelCase → snake_case for JSON keys (info records use dimod's snake_case). */

/** "deltaSuccessProbability" → "delta_success_probability"; snake_case names are returned unchanged. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A shallow copy of `o` with snake_case keys. */
export function snakeCaseKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [snakeCase(k), v]));
}
