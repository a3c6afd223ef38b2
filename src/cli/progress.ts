// A progress bar for long work: redrawn in place on a terminal, a line per tenth elsewhere (CI logs).

export interface Progress {
  /** Marks `done` of `total` units complete. */
  update(done: number): void;
  /** Ends the bar with a final line. */
  finish(message?: string): void;
}

/**
 * A bar labelled `label` over `total` units, written to `stream` (stderr by default, so --json output
 * on stdout stays clean). Silent when `quiet` is set.
 */
export function createProgress(
  label: string,
  total: number,
  options: { quiet?: boolean; stream?: NodeJS.WriteStream; now?: () => number } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const interactive = stream.isTTY === true;
  let lastTenth = -1;
  const render = (done: number) => {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = ((now() - started) / 1000).toFixed(1);
    return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${seconds}s`;
  };
  return {
    update(done) {
      if (options.quiet) return;
      if (interactive) {
        stream.write(`\r${render(done)}`);
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${render(done)}\n`);
      }
    },
    finish(message) {
      if (options.quiet) return;
      if (interactive) stream.write(`\r${render(total)}\n`);
      if (message) stream.write(`${message}\n`);
    },
  };
}
