import type { ArchiveProblem } from '../contract/letters';

const PROBLEM_WORDS = { missing: 'missing', altered: 'altered (its SHA-256 no longer matches)', size: 'altered (its size changed)' } as const;

/** One line of `settle letters verify` / `settle bureau verify` for an archived file that is not as recorded. */
export function archiveProblemLine(p: ArchiveProblem, what: 'letter file' | 'bureau file'): string {
  return `${PROBLEM_WORDS[p.problem]}: ${p.path} (${what} ${p.fileId})`;
}
