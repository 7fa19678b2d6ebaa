/**
 * Numbers, units, tables and fits as people read them: the one formatting layer of the front ends' text
 * (the CLI without --json, the web app). JSON keeps full precision; this is for eyes only. Pure functions
 * without imports, so the browser bundle uses the same file.
 *
 * Units (docs/schedules.md): time in τ (= ħ/energy, the `linear` schedule's unit, engine and path time
 * alike), µs (D-Wave anneal paths, as on the QPU) or ns (D-Wave engine time, dt); energies of H(s) in GHz
 * (E/h, D-Wave tables) or dimensionless (`linear`, and every H_P energy).
 */

/** Placeholder for a value that is absent or undefined (e.g. TTS99 at p = 0). */
export const NO_VALUE = '—';

/**
 * `x` to `digits` significant digits, written as briefly as that allows: -5.6 (not -5.600000000000001),
 * 0.679531, 3.2e-5. Null, undefined and NaN give {@link NO_VALUE}.
 */
export function formatNumber(x: number | null | undefined, digits = 6): string {
  if (x === null || x === undefined || Number.isNaN(x)) return NO_VALUE;
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  if (x === 0) return '0';
  const r = Number(x.toPrecision(digits));
  const a = Math.abs(r);
  if (a >= 1e-4 && a < 1e15) return String(r);
  return r.toExponential().replace('e+', 'e');
}

/**
 * An energy of H_P or of a sample: a sum of the model's coefficients, so its digits are exact up to
 * floating-point noise, which 10 significant digits drop (-4.6000000000000005 → -4.6).
 */
export function formatEnergy(x: number | null | undefined): string {
  return formatNumber(x, 10);
}

/**
 * A difference of energies (a residual energy): zero when it is below the rounding noise of energies of
 * size `scale` (1e-10 relative), else six significant digits.
 */
export function formatEnergyDifference(x: number, scale: number): string {
  return Math.abs(x) <= 1e-10 * Math.max(1, Math.abs(scale)) ? '0' : formatNumber(x);
}

/**
 * A measured value with its standard error: the error to two significant digits and the value to the same
 * decimal place ("0.970 ± 0.017", "0.679531 ± 0.000032"). Without a positive error, six significant digits.
 */
export function formatWithError(x: number, err: number | null | undefined): string {
  if (!(typeof err === 'number' && err > 0 && Number.isFinite(err) && Number.isFinite(x)))
    return formatNumber(x);
  const e = Number(err.toPrecision(2));
  const place = Math.floor(Math.log10(e)) - 1;
  if (place >= 0) {
    const f = 10 ** place;
    return `${formatNumber(Math.round(x / f) * f, 15)} ± ${formatNumber(e, 2)}`;
  }
  if (-place > 12) return formatNumber(x, 10);
  return `${x.toFixed(-place)} ± ${e.toFixed(-place)}`;
}

/** Wall-clock seconds: three significant digits below 100 s ("0.0123 s", "4.57 s"), whole seconds above. */
export function formatSeconds(s: number): string {
  return `${s >= 100 ? Math.round(s) : formatNumber(s, 3)} s`;
}

/** A time unit as the text writes it: 'tau' and 'hbar/energy' are τ, 'us' is µs; others unchanged. */
export function timeUnitText(unit: string): string {
  if (unit === 'tau' || unit === 'hbar/energy') return 'τ';
  if (unit === 'us') return 'µs';
  return unit;
}

/** A time with its unit: "10 τ", "20 µs". */
export function formatTime(t: number, unit: string, digits = 6): string {
  return `${formatNumber(t, digits)} ${timeUnitText(unit)}`;
}

/** An energy of H(s) with its unit: "1.2 GHz", or "0.49 (dimensionless)" for `linear`. */
export function formatEnergyOfH(x: number, energyUnit: string, digits = 6): string {
  return energyUnit === 'GHz'
    ? `${formatNumber(x, digits)} GHz`
    : `${formatNumber(x, digits)} (dimensionless)`;
}

/** An axis or column label with its unit: "E (GHz)", "E (dimensionless)", "anneal time (τ)". */
export function withUnit(label: string, unit: string): string {
  return `${label} (${timeUnitText(unit)})`;
}

/** The line that names a file a command wrote: "wrote spectrum plot: /abs/path.svg". */
export function wroteLine(what: string, path: string): string {
  return `wrote ${what}: ${path}`;
}

/** The line that states the defaults a run used, each with the flag that sets it; undefined when none. */
export function defaultsLine(defaults: readonly string[]): string | undefined {
  return defaults.length ? `defaults used: ${defaults.join(', ')}` : undefined;
}

/** A count and its noun, pluralised with s: "1 thread", "4 threads". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const NUMERIC_CELL = /^(?:[-+]?(?:\d[\d.,]*(?:e[-+]?\d+)?|∞)(?: ± [\d.e-]+)?|—|-|n\/a)$/i;

/**
 * An aligned text table: columns padded to their widest cell, two spaces apart; columns whose cells are
 * all numbers are right-aligned, others left-aligned.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const right = header.map((_, j) => rows.length > 0 && rows.every((r) => NUMERIC_CELL.test(r[j] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => (right[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map((r) => line(header.map((_, j) => r[j] ?? '')))].join('\n');
}

/** r² below which a fit is called poor and not to be extrapolated. */
export const POOR_FIT_R2 = 0.9;

/** A power-law fit y ≈ a·x^b with its quality. */
export interface PowerLawFitLike {
  a: number;
  b: number;
  r2: number;
  points: number;
}

/**
 * A power-law fit as a formula with its quality: "Δmin ≈ 0.97·d^-2.48 (r² = 0.19, 12 points: poor fit, do not
 * extrapolate)". Two points always fit exactly, which says nothing about the form; that is said too.
 */
export function formatPowerLaw(fit: PowerLawFitLike, names: { x: string; y: string }): string {
  const formula = `${names.y} ≈ ${formatNumber(fit.a, 3)}·${names.x}^${formatNumber(fit.b, 3)}`;
  const quality = `r² = ${formatNumber(fit.r2, 2)}, ${plural(fit.points, 'point')}`;
  if (fit.points <= 2) return `${formula} (${quality}: two points fit any power law; not a test of the form)`;
  if (fit.r2 < POOR_FIT_R2) return `${formula} (${quality}: poor fit, do not extrapolate)`;
  return `${formula} (${quality})`;
}
