import type { Command } from 'commander';

/** Where the CLI writes text: process streams in production, string buffers in tests. */
export interface TextStream {
  write(text: string): unknown;
}

/** The CLI's whole contact with its surroundings, so commands run in-process under test. */
export interface CliIo {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
  /** stdout is a terminal: `check` then defaults to the table format. */
  readonly isTTY: boolean;
  /** stderr is a terminal: `scan` then shows a progress line there. */
  readonly stderrIsTTY?: boolean;
  /** ANSI colours in terminal output; defaults to `isTTY`. The process default honours NO_COLOR. */
  readonly colors?: boolean;
  /** Clock for report timestamps; defaults to the system clock. */
  readonly now?: () => Date;
}

/** Shared by the commands of one `main()` call; an action sets `exitCode` for `main` to return. */
export interface CliContext {
  readonly io: CliIo;
  exitCode: number;
}

/** Adds one command (`check`, `scan`, `demo`, `prices`, ...) to the program. */
export type RegisterCommand = (program: Command, context: CliContext) => void;

/**
 * Exit codes of every command: 0 ok; 1 when `--fail-on` trips; 2 on usage or input errors, or when a
 * scan reached nothing at all; 3 when a scan wrote its whole report but could not read part of the
 * estate (coverage gaps; `--allow-partial` turns it into 0). Precedence: 2, then 1, then 3.
 */
export const EXIT = { ok: 0, failOn: 1, usageOrInput: 2, partialCoverage: 3 } as const;
