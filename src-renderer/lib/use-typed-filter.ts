import { useEffect, useRef, useState } from 'react';

/**
 * A text filter that follows the user's typing at once but commits (and so queries the main
 * process) only after a short pause, not on every keystroke.
 */
export function useTypedFilter(committed: string, commit: (value: string) => void, delayMs = 200): [string, (value: string) => void] {
  const [typed, setTyped] = useState(committed);
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => {
    if (typed === committed) return;
    const t = setTimeout(() => commitRef.current(typed), delayMs);
    return () => clearTimeout(t);
  }, [typed, committed, delayMs]);
  return [typed, setTyped];
}
