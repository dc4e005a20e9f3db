import { pathToFileURL } from 'node:url';

// No electron import here, so jest can test the guard itself (a guard that was never tested
// is how inverted checks ship).

/** The only page allowed to call services over IPC: our own built index.html. */
export function rendererUrl(indexHtmlPath: string): string {
  return pathToFileURL(indexHtmlPath).href;
}

export function isTrustedSenderUrl(senderUrl: string | undefined, indexHtmlPath: string): boolean {
  if (!senderUrl) return false;
  let url: URL;
  try {
    url = new URL(senderUrl);
  } catch {
    return false;
  }
  const expected = new URL(rendererUrl(indexHtmlPath));
  return url.protocol === 'file:' && url.host === '' && url.pathname === expected.pathname;
}
