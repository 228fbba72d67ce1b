/** Not an error: a child's exit code that `keysmith exec` passes through, thrown to reach the CLI entry. */
export class ExitCode {
  constructor(readonly code: number) {}
}
