/** A usage or input problem: printed as one line, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export type OutputFormat = 'text' | 'json';

export function outputFormat(value: string | undefined, allowed: string[] = ['text', 'json']): OutputFormat {
  const v = value ?? 'text';
  if (!allowed.includes(v)) throw new CliError(`--format must be ${allowed.join(' or ')}, not "${v}"`);
  return v as OutputFormat;
}
