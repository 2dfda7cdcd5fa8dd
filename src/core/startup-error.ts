/**
 * A start-up failure a person can fix: one line to print, and the exit code a service
 * manager reads (78, EX_CONFIG: configuration; 1 otherwise). Never a stack.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 78 | 1 = 78,
  ) {
    super(message);
    this.name = "StartupError";
  }
}
