import * as fs from 'node:fs';

/** A version of a file on disk: its modification time and size. */
export interface FileVersion {
  mtimeMs: number;
  size: number;
}

/**
 * path -> its version, or null when it cannot be read, as found in the current turn of the event loop.
 *
 * A lint asks for the version of every module of the schema set, and a CLI run lints every file of the
 * project: asking the disk each time would make a project's lint cost files × modules `stat` calls. A
 * version found is kept until the event loop next turns (`setImmediate`): a CLI run lints many files in
 * one turn, while an editor's server lints in answer to a message, which it reads in a later turn than
 * any save that came before the message. So the next lint after a sibling is saved sees the saved file,
 * as it did when every lint asked the disk; a change made while a turn lints (or, through ESLint's
 * synchronous `Linter`, a file written between two lints of one turn) is seen in the next turn.
 */
const versions = new Map<string, FileVersion | null>();
let turn = 0;
let forgetting = false;

function nextTurn(): void {
  versions.clear();
  turn++;
  forgetting = false;
}

/** The version of `file` on disk, or null when it cannot be read; asked of the disk once per turn of the event loop. */
export function fileVersion(file: string): FileVersion | null {
  let version = versions.get(file);
  if (version === undefined) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    version = stat ? { mtimeMs: stat.mtimeMs, size: stat.size } : null;
    versions.set(file, version);
    if (!forgetting) {
      forgetting = true;
      setImmediate(nextTurn).unref(); // never keeps the process alive
    }
  }
  return version;
}

/**
 * A number that changes when the versions found so far may be out of date (the event loop has turned):
 * a fact drawn from versions of this turn holds as long as `versionTurn()` returns the same number.
 */
export function versionTurn(): number {
  return turn;
}

/** Forgets the versions found (tests that rewrite a file within one turn). */
export function forgetVersions(): void {
  versions.clear();
  turn++;
}

/**
 * Values computed from files, each kept with the version of the file it was computed from and given back
 * while the file has that version (see `fileVersion` for when the disk is asked).
 */
export class FileCache<T> {
  private readonly entries = new Map<string, { version: FileVersion; value: T }>();

  /** The value kept for `file` if the file still has the version it was computed from. */
  get(file: string, version: FileVersion): T | undefined {
    const entry = this.entries.get(file);
    return entry && entry.version.mtimeMs === version.mtimeMs && entry.version.size === version.size ? entry.value : undefined;
  }

  set(file: string, version: FileVersion, value: T): void {
    this.entries.set(file, { version, value });
  }

  clear(): void {
    this.entries.clear();
  }
}
