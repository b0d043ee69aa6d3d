/** Structured JSON logs, one object per line on stdout; `silent` for tests. */
export type Logger = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/**
 * @example
 * const log = jsonLogger();
 * log('info', 'collector listening', { url }); // {"time":"…","level":"info","message":"collector listening","url":"…"}
 */
export function jsonLogger(silent = false, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return (level, message, fields = {}) => {
    if (silent) return;
    // A field can never overwrite time, level or message (test/support/collector-process.ts reads the order).
    const { time: _time, level: _level, message: _message, ...rest } = fields;
    write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...rest })}\n`);
  };
}
