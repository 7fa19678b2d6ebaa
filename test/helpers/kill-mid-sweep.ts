/** Crash-resume tests: SIGKILL a child once some (not all) finished-point files are on disk. */

import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** The finished point files (`*.json`; temp files of an interrupted write excluded) in `dir`. */
export function savedPoints(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

/**
 * Kills `proc` with SIGKILL as soon as `dir` holds at least `atLeast` point files and resolves when it has
 * exited; rejects if the child finishes first (the test would prove nothing).
 */
export async function killWhenSaved(proc: ChildProcess, dir: string, atLeast: number): Promise<void> {
  await new Promise<void>((res, rej) => {
    const t = setInterval(() => {
      if (savedPoints(dir).length >= atLeast) {
        clearInterval(t);
        proc.kill('SIGKILL');
        res();
      }
    }, 5);
    proc.on('exit', () => {
      clearInterval(t);
      rej(new Error('the child finished before it could be killed'));
    });
  });
  if (proc.exitCode === null && proc.signalCode === null) await new Promise((r) => proc.on('exit', r));
}
