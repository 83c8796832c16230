/**
 * The process's last line of defence while serving. Requests are isolated where they are handled; anything that
 * still escapes is logged with its context and the service goes on — except when the process itself is broken
 * (out of memory, or errors escaping in a burst, a sign that state is corrupt), when it stops gracefully.
 */
import { errorText } from './http.js';

export interface LastResortOptions {
  log?: (message: string) => void;
  /** Called once when the process state is judged broken (the caller stops and exits). */
  onBroken: (reason: string) => void;
  /** This many uncaught exceptions within a minute means the state is broken. */
  burst?: number;
}

const BROKEN_CODES = new Set(['ENOMEM', 'ERR_OUT_OF_MEMORY', 'ERR_WORKER_OUT_OF_MEMORY']);

/** Installs the handlers; returns a function that removes them. */
export function installLastResort(options: LastResortOptions): () => void {
  const log = options.log ?? console.error;
  const recent: number[] = [];
  let broken = false;
  const breakDown = (reason: string) => { if (!broken) { broken = true; options.onBroken(reason); } };

  const onRejection = (reason: unknown) => {
    log(`serve: unhandled promise rejection (service continues): ${errorText(reason)}`);
  };
  const onException = (error: Error, origin: string) => {
    log(`serve: uncaught ${origin === 'unhandledRejection' ? 'rejection' : 'exception'}: ${errorText(error)}`);
    const now = Date.now();
    recent.push(now);
    while (recent[0]! < now - 60_000) recent.shift();
    const code = (error as NodeJS.ErrnoException)?.code;
    if ((code && BROKEN_CODES.has(code)) || /out of memory/i.test(error?.message ?? '')) breakDown(`process out of memory (${error.message})`);
    else if (recent.length >= (options.burst ?? 20)) breakDown(`${recent.length} uncaught exceptions within a minute`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
