import { useEffect, useState } from 'react';
import type { TemplateProblem } from '../../../../src-main/contract';
import { call } from '../../../api/client';

/**
 * The template's problems as it is typed: checked by the main process (the one checker, the same
 * one that refuses a save) a moment after typing stops, so unknown fields show before printing.
 */
export function useTemplateCheck(
  subject: string,
  body: string,
  email: { subject: string; body: string } = { subject: '', body: '' },
  delayMs = 250,
): { problems: TemplateProblem[]; checking: boolean } {
  const [result, setResult] = useState<{ key: string; problems: TemplateProblem[] }>({ key: '', problems: [] });
  const emailSubject = email.subject;
  const emailBody = email.body;
  const key = `${subject}\u0000${body}\u0000${emailSubject}\u0000${emailBody}`;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call('templates.check', { subject, body, emailSubject, emailBody }).then(
        (r) => live && setResult({ key, problems: r.problems }),
        // The save will say what is wrong; a failed check only leaves the last result showing.
        () => undefined,
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [subject, body, emailSubject, emailBody, key, delayMs]);
  return { problems: result.problems, checking: result.key !== key };
}
