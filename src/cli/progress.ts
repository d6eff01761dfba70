/**
 * Progress for long steps: a spinner line on a terminal, plain lines otherwise (CI logs, pipes).
 */
export interface Progress {
  step<T>(title: string, work: () => Promise<T>): Promise<T>;
  info(message: string): void;
  warn(message: string): void;
  done(message: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function progressFor(stream: NodeJS.WriteStream, options: { debug?: boolean } = {}): Progress {
  const tty = stream.isTTY && !options.debug;
  const line = (text: string): void => {
    stream.write(`${text}\n`);
  };
  return {
    async step(title, work) {
      const started = Date.now();
      if (!tty) {
        line(`… ${title}`);
        const result = await work();
        line(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        return result;
      }
      let frame = 0;
      const timer = setInterval(() => {
        stream.write(`\r${FRAMES[frame++ % FRAMES.length] ?? ''} ${title}`);
      }, 80);
      try {
        const result = await work();
        stream.write(`\r✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)}s)\x1b[K\n`);
        return result;
      } catch (e) {
        stream.write(`\r✗ ${title}\x1b[K\n`);
        throw e;
      } finally {
        clearInterval(timer);
      }
    },
    info: (message) => {
      line(message);
    },
    warn: (message) => {
      line(`warning: ${message}`);
    },
    done: (message) => {
      line(message);
    },
  };
}
